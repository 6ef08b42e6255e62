using MongoDB.Bson;

namespace Ferry.Store.Conformance.Spec;

/// <summary>Reads an operation's arguments and fails on any argument the runner did not read: an unknown
/// argument is an error, never silently ignored. The only arguments ignored on purpose are <c>comment</c> and
/// find's <c>allowDiskUse</c>, which do not change results.</summary>
public sealed class ArgumentReader(string operation, BsonDocument arguments)
{
    // Accepted and ignored: they change what the server logs or how it spills to disk, never the result.
    private readonly HashSet<string> _read = operation == "find" ? ["comment", "allowDiskUse"] : ["comment"];

    public BsonValue Required(string name) =>
        Optional(name) ?? throw new SpecFailureException($"{operation}: missing argument '{name}'");

    public BsonValue? Optional(string name)
    {
        _read.Add(name);
        return arguments.TryGetValue(name, out var value) ? value : null;
    }

    public BsonDocument? Document(string name) => Optional(name)?.AsBsonDocument;

    public BsonArray? Array(string name) => Optional(name)?.AsBsonArray;

    public bool Bool(string name, bool defaultValue = false) => Optional(name)?.ToBoolean() ?? defaultValue;

    public long? Long(string name) => Optional(name) is { } v ? v.ToInt64() : null;

    public string? String(string name) => Optional(name)?.AsString;

    public bool HasUnread => arguments.Names.Any(n => !_read.Contains(n));

    public void EnsureAllRead()
    {
        var unknown = arguments.Names.Where(n => !_read.Contains(n)).ToList();
        if (unknown.Count > 0)
        {
            throw new SpecFailureException($"{operation}: unknown argument(s) {string.Join(", ", unknown)}");
        }
    }
}
