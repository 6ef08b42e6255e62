using System.Text.Json;
using System.Text.Json.Nodes;

namespace Ferry.Core.Backup.Formats;

/// <summary>
/// Checks a parsed <c>ferry-manifest.json</c> field by field before it becomes a <see cref="FerryManifest"/>: every
/// required field present with the right type and range, no unknown field (a renamed key is named, not silently
/// defaulted), safe relative file paths, and the cross-references between namespaces and files. Returns the first
/// problem as "field 'files[0].path' is missing", or null.
/// </summary>
internal static class FerryManifestSchema
{
    private delegate string? Check(JsonNode node, string path);

    private sealed record Field(string Name, bool Required, Check Check);

    private static readonly Field[] FileFields =
    [
        new("path", true, RelativePath),
        new("size", true, Count),
        new("sha256", true, Sha256),
        new("documents", false, Count),
    ];

    private static readonly Field[] NamespaceFields =
    [
        new("database", true, NonEmptyString),
        new("collection", true, NonEmptyString),
        new("documents", true, Count),
        new("bytes", true, Count),
        new("namespace", false, String),
        new("dataFile", false, RelativePath),
        new("metadataFile", false, RelativePath),
        new("type", false, String),
    ];

    private static readonly Field[] TopFields =
    [
        new("manifestVersion", true, Version),
        new("tag", true, NonEmptyString),
        new("source", true, String),
        new("created", true, Date),
        new("ferryVersion", true, String),
        new("emergency", true, Boolean),
        new("layout", true, Layout),
        new("gzip", true, Boolean),
        new("databases", true, (n, p) => ArrayOf(n, p, NonEmptyString)),
        new("files", true, (n, p) => ArrayOf(n, p, (item, itemPath) => ObjectOf(item, itemPath, FileFields))),
        new("namespaces", true, (n, p) => ArrayOf(n, p, (item, itemPath) => ObjectOf(item, itemPath, NamespaceFields))),
        new("documentCount", false, Count),
        new("byteCount", false, Count),
        new("manifestSha256", false, Sha256),
    ];

    public static string? FirstProblem(JsonObject root) => ObjectOf(root, string.Empty, TopFields) ?? CrossChecks(root);

    /// <summary>Relations between fields, checked once every field is known to be well-formed.</summary>
    private static string? CrossChecks(JsonObject root)
    {
        var version = root["manifestVersion"]!.GetValue<int>();
        if (version >= 2 && root["manifestSha256"] is null)
        {
            return "field 'manifestSha256' is missing (a version-2 manifest carries its own checksum)";
        }

        var files = root["files"]!.AsArray().Select(f => f!["path"]!.GetValue<string>()).ToList();
        var duplicate = files.GroupBy(f => f, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            return $"field 'files': '{duplicate.Key}' is listed twice";
        }

        if (root["layout"]!.GetValue<string>() == FerryManifest.ArchiveLayout && files.Count != 1)
        {
            return $"an archive backup's manifest must list exactly one file, found {files.Count}";
        }

        var listed = files.ToHashSet(StringComparer.Ordinal);
        var namespaces = root["namespaces"]!.AsArray();
        for (var i = 0; i < namespaces.Count; i++)
        {
            foreach (var name in new[] { "dataFile", "metadataFile" })
            {
                if (namespaces[i]![name]?.GetValue<string>() is { } file && !listed.Contains(file))
                {
                    return $"field 'namespaces[{i}].{name}': '{file}' is not among the manifest's files";
                }
            }
        }

        var documents = namespaces.Sum(n => n!["documents"]!.GetValue<long>());
        if (root["documentCount"]?.GetValue<long>() is { } documentCount && documentCount != documents)
        {
            return $"field 'documentCount' is {documentCount}, the namespaces add up to {documents}";
        }

        var bytes = root["files"]!.AsArray().Sum(f => f!["size"]!.GetValue<long>());
        if (root["byteCount"]?.GetValue<long>() is { } byteCount && byteCount != bytes)
        {
            return $"field 'byteCount' is {byteCount}, the files add up to {bytes}";
        }

        return null;
    }

    private static string? ObjectOf(JsonNode node, string path, Field[] fields)
    {
        if (node is not JsonObject obj)
        {
            return Expected(path, node, "an object");
        }

        var unknown = obj.Select(p => p.Key).Where(k => !fields.Any(f => f.Name == k)).Select(k => Join(path, k)).ToList();
        foreach (var field in fields)
        {
            var fieldPath = Join(path, field.Name);
            if (!obj.TryGetPropertyValue(field.Name, out var value))
            {
                if (field.Required)
                {
                    return $"field '{fieldPath}' is missing" + (unknown.Count > 0 ? $" (found unknown field '{unknown[0]}')" : string.Empty);
                }

                continue;
            }

            if (value is null)
            {
                return $"field '{fieldPath}' is null";
            }

            if (field.Check(value, fieldPath) is { } problem)
            {
                return problem;
            }
        }

        return unknown.Count > 0 ? $"unknown field '{unknown[0]}'" : null;
    }

    private static string? ArrayOf(JsonNode node, string path, Check item)
    {
        if (node is not JsonArray array)
        {
            return Expected(path, node, "an array");
        }

        for (var i = 0; i < array.Count; i++)
        {
            var itemPath = $"{path}[{i}]";
            var problem = array[i] is { } value ? item(value, itemPath) : $"field '{itemPath}' is null";
            if (problem is not null)
            {
                return problem;
            }
        }

        return null;
    }

    private static string? String(JsonNode node, string path) =>
        node.GetValueKind() == JsonValueKind.String ? null : Expected(path, node, "a string");

    private static string? NonEmptyString(JsonNode node, string path) =>
        String(node, path) ?? (node.GetValue<string>().Length == 0 ? $"field '{path}' is empty" : null);

    private static string? Boolean(JsonNode node, string path) =>
        node.GetValueKind() is JsonValueKind.True or JsonValueKind.False ? null : Expected(path, node, "true or false");

    private static string? Count(JsonNode node, string path) =>
        node is JsonValue value && value.TryGetValue<long>(out var count) && count >= 0 ? null : Expected(path, node, "a whole number, 0 or more");

    private static string? Version(JsonNode node, string path)
    {
        if (node is not JsonValue value || !value.TryGetValue<int>(out var version) || version < 1)
        {
            return Expected(path, node, "a whole number, 1 or more");
        }

        return version > FerryManifest.CurrentVersion
            ? $"field '{path}' is {version}: written by a newer Ferry (this one reads versions 1 to {FerryManifest.CurrentVersion}); upgrade Ferry to read it"
            : null;
    }

    private static string? Date(JsonNode node, string path) =>
        node is JsonValue value && value.GetValueKind() == JsonValueKind.String && value.TryGetValue<DateTimeOffset>(out _) ? null : Expected(path, node, "an ISO 8601 date and time");

    private static string? Layout(JsonNode node, string path) =>
        String(node, path) ?? (node.GetValue<string>() is FerryManifest.DirectoryLayout or FerryManifest.ArchiveLayout ? null : Expected(path, node, $"'{FerryManifest.DirectoryLayout}' or '{FerryManifest.ArchiveLayout}'"));

    private static string? Sha256(JsonNode node, string path) =>
        String(node, path) ?? (node.GetValue<string>() is { Length: 64 } hex && hex.All(char.IsAsciiHexDigitLower) ? null : Expected(path, node, "64 lowercase hex digits"));

    /// <summary>A path relative to the backup folder with '/' separators that cannot leave it.</summary>
    private static string? RelativePath(JsonNode node, string path)
    {
        if (String(node, path) is { } problem)
        {
            return problem;
        }

        var value = node.GetValue<string>();
        var segments = value.Split('/');
        return value.Length == 0 || value.Contains('\\', StringComparison.Ordinal) || value.Any(char.IsControl)
            || segments.Any(s => s is "" or "." or "..")
            ? $"field '{path}' names '{value}', a path outside the backup folder (expected a relative path with '/' separators)"
            : null;
    }

    private static string Expected(string path, JsonNode node, string expected)
    {
        var found = node.GetValueKind() switch
        {
            JsonValueKind.String => "a string",
            JsonValueKind.Number => $"the number {node.ToJsonString()}",
            JsonValueKind.True or JsonValueKind.False => "a boolean",
            JsonValueKind.Array => "an array",
            JsonValueKind.Object => "an object",
            _ => node.ToJsonString(),
        };
        if (node.GetValueKind() == JsonValueKind.String)
        {
            found = $"'{node.GetValue<string>()}'";
        }

        return $"field '{path}' is {found}, expected {expected}";
    }

    private static string Join(string path, string name) => path.Length == 0 ? name : $"{path}.{name}";
}
