using MongoDB.Bson;
using MongoDB.Bson.IO;

namespace Ferry.Store.Conformance.Spec;

/// <summary>
/// Reads the CRUD spec files with MongoDB.Bson's Extended JSON reader (relaxed and canonical forms):
/// unified files are checked against <c>schema-latest.json</c> and their schema version; legacy-v1 files are
/// converted into the unified shape.
/// </summary>
public static class SpecLoader
{
    /// <summary>The newest unified-format version this runner implements (the version of schema-latest.json here).</summary>
    public static readonly Version SupportedSchemaVersion = new(1, 21);

    public static string Root => TestData.Folder("mongodb-spec-crud");

    /// <summary>Every spec file, relative to <see cref="Root"/>, in a stable order.</summary>
    public static IEnumerable<string> Files() =>
        Directory.GetFiles(Path.Combine(Root, "unified"), "*.json")
            .Concat(Directory.GetFiles(Path.Combine(Root, "legacy-v1"), "*.json", SearchOption.AllDirectories))
            .Select(f => Path.GetRelativePath(Root, f).Replace('\\', '/'))
            .Order(StringComparer.Ordinal);

    public static IReadOnlyList<SpecTest> Load(string file) => Load(file, Root);

    /// <summary>Loads <paramref name="file"/> from <paramref name="root"/> (which also holds schema-latest.json).</summary>
    public static IReadOnlyList<SpecTest> Load(string file, string root)
    {
        var document = Read(Path.Combine(root, file));
        return file.StartsWith("unified/", StringComparison.Ordinal) ? LoadUnified(file, document, root) : LegacyConverter.Convert(file, document);
    }

    internal static BsonDocument Read(string path)
    {
        using var reader = new JsonReader(File.ReadAllText(path));
        return MongoDB.Bson.Serialization.BsonSerializer.Deserialize<BsonDocument>(reader);
    }

    private static List<SpecTest> LoadUnified(string file, BsonDocument document, string root)
    {
        var errors = new List<string>();
        var schema = new JsonSchemaValidator(Read(Path.Combine(root, "schema-latest.json")));
        errors.AddRange(schema.Validate(document).Select(e => "schema: " + e));
        var versionText = document.GetValue("schemaVersion", "").ToString()!;
        if (!Version.TryParse(!versionText.Contains('.', StringComparison.Ordinal) ? versionText + ".0" : versionText, out var version)
            || version.Major != SupportedSchemaVersion.Major || version > SupportedSchemaVersion)
        {
            errors.Add($"schemaVersion '{versionText}' is not supported (this runner implements {SupportedSchemaVersion.Major}.0–{SupportedSchemaVersion})");
        }

        var fileRunOn = document.GetValue("runOnRequirements", new BsonArray()).AsBsonArray.Select(r => r.AsBsonDocument).ToList();
        var tests = new List<SpecTest>();
        var list = document.GetValue("tests", new BsonArray()).AsBsonArray;
        for (var i = 0; i < list.Count; i++)
        {
            var test = list[i].AsBsonDocument;
            var testRunOn = test.GetValue("runOnRequirements", new BsonArray()).AsBsonArray.Select(r => r.AsBsonDocument).ToList();
            tests.Add(new SpecTest
            {
                File = file,
                Index = i,
                Description = test.GetValue("description", "(no description)").ToString()!,
                RunOn = new[] { fileRunOn, testRunOn }.Where(l => l.Count > 0).ToList(),
                CreateEntities = document.GetValue("createEntities", new BsonArray()).AsBsonArray,
                InitialData = document.GetValue("initialData", new BsonArray()).AsBsonArray.Select(d => d.AsBsonDocument).ToList(),
                Operations = test.GetValue("operations", new BsonArray()).AsBsonArray.Select(o => o.AsBsonDocument).ToList(),
                Outcome = test.TryGetValue("outcome", out var outcome) ? outcome.AsBsonArray.Select(o => o.AsBsonDocument).ToList() : null,
                ExpectsEvents = test.Contains("expectEvents"),
                LoadErrors = errors,
            });
        }

        return tests;
    }
}
