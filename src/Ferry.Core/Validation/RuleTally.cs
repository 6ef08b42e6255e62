using MongoDB.Bson;

namespace Ferry.Core.Validation;

/// <summary>Counts failures of one rule and keeps the first few samples (memory stays bounded).</summary>
internal sealed class RuleTally(string id, string kind, string? field, int sampleSize)
{
    private readonly List<RuleSample> _samples = [];

    public long Failed { get; private set; }

    public void Fail(BsonValue id, BsonValue? value, string reason)
    {
        Failed++;
        if (_samples.Count < sampleSize)
        {
            _samples.Add(new RuleSample(id, value, reason));
        }
    }

    public RuleResult ToResult() => new(id, kind, field, Failed, _samples.ToList());
}
