using Ferry.Core.Storage;
using Ferry.Core.Validation.Rules;
using MongoDB.Bson;

namespace Ferry.Core.Validation;

/// <summary>
/// The set of values each referenced <c>collection.field</c> holds, as 16-byte fingerprints, built with one streaming
/// pass over the referenced collection (projected to that field): 16 bytes of fingerprint per id (plus the set's overhead), never the documents.
/// </summary>
internal sealed class ReferenceKeySets
{
    private readonly Dictionary<(string Collection, string Field), HashSet<UInt128>> _sets = [];

    public long Entries => _sets.Values.Sum(s => (long)s.Count);

    public static async Task<ReferenceKeySets> BuildAsync(IDocumentDatabase db, IEnumerable<ReferenceRule> references, int batchSize, CancellationToken cancellationToken)
    {
        var result = new ReferenceKeySets();
        foreach (var target in references.Select(r => (r.TargetCollection, r.TargetField)).Distinct())
        {
            var set = new HashSet<UInt128>();
            var options = new ScanOptions { Projection = new BsonDocument(target.TargetField, 1), BatchSize = batchSize };
            await foreach (var raw in db.GetCollection(target.TargetCollection).ScanAsync(options, cancellationToken).ConfigureAwait(false))
            {
                using (raw)
                {
                    var value = Paths.Get(raw, target.TargetField);
                    if (value is BsonArray array)
                    {
                        foreach (var element in array)
                        {
                            set.Add(KeyFingerprint.Of(element));
                        }
                    }
                    else if (value is not null)
                    {
                        set.Add(KeyFingerprint.Of(value));
                    }
                }
            }

            result._sets[target] = set;
        }

        return result;
    }

    public bool Contains(ReferenceRule rule, BsonValue value) => _sets[(rule.TargetCollection, rule.TargetField)].Contains(KeyFingerprint.Of(value));
}
