using MongoDB.Bson;

namespace Ferry.Core.Assessment;

/// <summary>
/// Walks sampled documents and keeps a <see cref="FieldProfile"/> per field path, through subdocuments
/// (<c>a.b</c>) and arrays (<c>tags[]</c>, <c>items[].sku</c>). Memory grows with the number of paths (capped), not with
/// the number of documents.
/// </summary>
public sealed class SchemaProfiler(AnalyzeOptions options)
{
    private readonly Dictionary<string, FieldProfile> _fields = new(StringComparer.Ordinal);
    private long _document = -1;

    public long Documents => _document + 1;

    public long MaxDocumentBytes { get; private set; }

    public long LargeDocuments { get; private set; }

    public int MaxDepth { get; private set; }

    /// <summary>Documents that carry a demo marker (an <c>is_demo</c>/<c>demo</c> field that is true, or an example.com e-mail).</summary>
    public long DemoMarkedDocuments { get; private set; }

    /// <summary>True when there were more field paths than <see cref="AnalyzeOptions.MaxPaths"/> (keys used as data).</summary>
    public bool PathsTruncated { get; private set; }

    public IReadOnlyCollection<FieldProfile> Fields => _fields.Values;

    public void Add(BsonDocument document, long sizeBytes)
    {
        _document++;
        MaxDocumentBytes = Math.Max(MaxDocumentBytes, sizeBytes);
        if (sizeBytes > options.LargeDocumentBytes)
        {
            LargeDocuments++;
        }

        _demoMarked = false;
        WalkDocument(document, "", 1);
        if (_demoMarked)
        {
            DemoMarkedDocuments++;
        }
    }

    private bool _demoMarked;

    private void WalkDocument(BsonDocument document, string prefix, int depth)
    {
        MaxDepth = Math.Max(MaxDepth, depth);
        foreach (var element in document)
        {
            var path = prefix.Length == 0 ? element.Name : prefix + "." + element.Name;
            if (element.Name is "is_demo" or "demo" && element.Value is BsonBoolean { Value: true })
            {
                _demoMarked = true;
            }

            Walk(path, element.Value, depth);
        }
    }

    private void Walk(string path, BsonValue value, int depth)
    {
        Profile(path)?.Observe(_document, value, options.ReferenceSampleSize);
        switch (value)
        {
            case BsonDocument sub:
                WalkDocument(sub, path, depth + 1);
                break;
            case BsonArray array:
                foreach (var item in array)
                {
                    Walk(path + "[]", item, depth + 1);
                }

                break;
            case BsonString text when text.Value.EndsWith("@example.com", StringComparison.OrdinalIgnoreCase):
                _demoMarked = true;
                break;
        }
    }

    private FieldProfile? Profile(string path)
    {
        if (_fields.TryGetValue(path, out var profile))
        {
            return profile;
        }

        if (_fields.Count >= options.MaxPaths)
        {
            PathsTruncated = true;
            return null;
        }

        return _fields[path] = new FieldProfile(path);
    }
}
