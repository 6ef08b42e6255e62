using Ferry.Core.Time;
using MongoDB.Bson;

namespace Ferry.Scripting.Tests;

/// <summary>Issue #13 item 7: scripts read the one clock the CLI builds from FERRY_CLOCK, not the machine's.</summary>
public sealed class ShellClockTests
{
    private static readonly DateTimeOffset Clock = new(2026, 6, 1, 12, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("ISODate()")]
    [InlineData("new Date()")]
    [InlineData("new Date(Date.now())")]
    [InlineData("ObjectId().getTimestamp()")]
    public async Task Dates_and_new_ObjectIds_follow_the_given_clock(string expression)
    {
        await using var store = new TempStore();

        var result = await ShellEvaluation.RunAsync(store.Store, "app", expression, "<eval>", TextWriter.Null, ScriptLimits.Default, dryRun: false, new FixedTimeProvider(Clock));

        Assert.True(result.Ok, result.Failure?.Message);
        Assert.Equal(new BsonDateTime(Clock.UtcDateTime), result.Value);
    }

    [Fact]
    public async Task An_inserted_document_without_an_id_gets_an_ObjectId_of_the_given_clock()
    {
        await using var store = new TempStore();

        var result = await ShellEvaluation.RunAsync(store.Store, "app", "db.items.insertOne({ n: 1 }); db.items.findOne()._id", "<eval>", TextWriter.Null, ScriptLimits.Default, dryRun: false, new FixedTimeProvider(Clock));

        Assert.True(result.Ok, result.Failure?.Message);
        Assert.Equal(Clock.UtcDateTime, result.Value!.AsObjectId.CreationTime);
    }
}
