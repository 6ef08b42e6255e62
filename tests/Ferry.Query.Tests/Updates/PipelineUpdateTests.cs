using Ferry.Query.Common;
using Ferry.Query.Updates;
using MongoDB.Bson;
using static Ferry.Query.Tests.Updates.UpdateTestHelpers;

namespace Ferry.Query.Tests.Updates;

public sealed class PipelineUpdateTests
{
    [Fact]
    public void Every_document_of_one_update_sees_the_same_NOW()
    {
        var clock = new TickingClock();
        var spec = UpdateSpec.Parse(new BsonArray { Doc("{ $set: { t: '$$NOW' } }") }, null, new QueryContext { Time = clock });
        var first = spec.Apply(Doc("{ _id: 1 }")).Document["t"];
        var second = spec.Apply(Doc("{ _id: 2 }")).Document["t"];
        Assert.Equal(first, second);
    }

    [Fact]
    public void Pipeline_that_drops_id_keeps_the_original_id()
    {
        var spec = UpdateSpec.Parse(new BsonArray { Doc("{ $project: { _id: 0, a: 1 } }") });
        AssertDocument("{ _id: 1, a: 2 }", spec.Apply(Doc("{ _id: 1, a: 2, b: 3 }")).Document);
    }

    [Fact]
    public void Pipeline_that_changes_id_is_ImmutableField()
    {
        var spec = UpdateSpec.Parse(new BsonArray { Doc("{ $set: { _id: 2 } }") });
        AssertFails(ErrorCodes.ImmutableField, () => spec.Apply(Doc("{ _id: 1 }")));
    }

    [Fact]
    public void Stage_not_allowed_in_an_update_fails_at_parse()
    {
        Assert.Throws<MqlException>(() => UpdateSpec.Parse(new BsonArray { Doc("{ $group: { _id: null } }") }));
    }

    private sealed class TickingClock : TimeProvider
    {
        private long _ticks = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero).Ticks;

        public override DateTimeOffset GetUtcNow() => new(Interlocked.Add(ref _ticks, TimeSpan.TicksPerSecond), TimeSpan.Zero);
    }
}
