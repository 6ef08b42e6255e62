using Ferry.Query.Common;
using MongoDB.Bson;

namespace Ferry.Core.Assessment;

/// <summary>
/// What the sampled documents hold at one field path: how many documents have it, per BSON type; a few examples;
/// string values while they stay few (enum candidates); and a bounded list of values to test as references.
/// Counting is per document: an array holding three strings counts its document once for <c>string</c>.
/// </summary>
public sealed class FieldProfile(string path)
{
    private const int MaxExamples = 3;
    private const int MaxDistinctStrings = 20;
    private const int MaxReferenceValueLength = 64;

    private readonly Dictionary<BsonType, long> _typeDocuments = [];
    private readonly HashSet<BsonType> _typesOfCurrentDocument = [];
    private readonly List<BsonValue> _examples = [];
    private readonly List<BsonValue> _referenceValues = [];
    private Dictionary<string, long>? _strings = new(StringComparer.Ordinal);
    private long _currentDocument = -1;

    public string Path { get; } = path;

    /// <summary>Documents of the sample holding this path (at least once).</summary>
    public long Documents { get; private set; }

    public IReadOnlyDictionary<BsonType, long> TypeDocuments => _typeDocuments;

    public IReadOnlyList<BsonValue> Examples => _examples;

    /// <summary>Distinct string values and their counts, or null once there were more than a few (not an enum).</summary>
    public IReadOnlyDictionary<string, long>? StringValues => _strings;

    /// <summary>Up to the reference sample size of id-like values (ObjectId, short strings, integers, binary), one per occurrence.</summary>
    public IReadOnlyList<BsonValue> ReferenceValues => _referenceValues;

    public bool IsArrayElement => Path.EndsWith("[]", StringComparison.Ordinal);

    public void Observe(long document, BsonValue value, int referenceSampleSize)
    {
        if (document != _currentDocument)
        {
            _currentDocument = document;
            _typesOfCurrentDocument.Clear();
            Documents++;
        }

        if (_typesOfCurrentDocument.Add(value.BsonType))
        {
            _typeDocuments[value.BsonType] = _typeDocuments.GetValueOrDefault(value.BsonType) + 1;
        }

        if (_examples.Count < MaxExamples && value.BsonType is not (BsonType.Document or BsonType.Array) && !_examples.Contains(value))
        {
            _examples.Add(value is BsonString { Value.Length: > 60 } s ? new BsonString(s.Value[..60] + "…") : value);
        }

        if (_strings is not null)
        {
            if (value is BsonString text)
            {
                _strings[text.Value] = _strings.GetValueOrDefault(text.Value) + 1;
                if (_strings.Count > MaxDistinctStrings)
                {
                    _strings = null;
                }
            }
            else if (value.BsonType is not BsonType.Null)
            {
                _strings = null;
            }
        }

        if (_referenceValues.Count < referenceSampleSize && IsIdLike(value))
        {
            _referenceValues.Add(value);
        }
    }

    /// <summary>MongoDB's type aliases of the types seen, most frequent first.</summary>
    public IReadOnlyList<string> TypeNames => _typeDocuments.OrderByDescending(p => p.Value).ThenBy(p => p.Key)
        .Select(p => BsonTypeNames.NameOf(p.Key) ?? p.Key.ToString()).ToList();

    private static bool IsIdLike(BsonValue value) => value.BsonType switch
    {
        BsonType.ObjectId or BsonType.Int32 or BsonType.Int64 or BsonType.Binary => true,
        BsonType.String => value.AsString.Length is > 0 and <= MaxReferenceValueLength,
        _ => false,
    };
}
