using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Ferry.Core.Backup.Formats;

/// <summary>
/// Reads and writes <see cref="FerryManifest"/> as indented JSON. Writing adds <c>manifestSha256</c>: the SHA-256
/// of the manifest's canonical content (the JSON without that field, re-serialized compactly by System.Text.Json,
/// so whitespace does not count but every value does). Reading checks, in order: strict UTF-8, JSON syntax, every
/// field (<see cref="FerryManifestSchema"/>), then the checksum, and only then builds the record; any failure is a
/// <see cref="BackupFormatException"/> naming the manifest and the field, never a half-filled manifest.
/// </summary>
public static class FerryManifestJson
{
    private const string ChecksumField = "manifestSha256";

    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    private static readonly JsonNodeOptions NodeOptions = new() { PropertyNameCaseInsensitive = false };

    private static readonly JsonDocumentOptions DocumentOptions = new() { AllowDuplicateProperties = false };

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static string Serialize(FerryManifest manifest)
    {
        var text = JsonSerializer.Serialize(manifest with { ManifestVersion = FerryManifest.CurrentVersion, ManifestSha256 = null }, Options);

        // Hash exactly what a reader will hash: the written text, parsed back.
        var node = JsonNode.Parse(text, NodeOptions, DocumentOptions)!.AsObject();
        node[ChecksumField] = CanonicalSha256(node);
        return node.ToJsonString(Options);
    }

    public static FerryManifest Parse(string json, string fileLabel) => Parse(Encoding.UTF8.GetBytes(json), fileLabel);

    public static FerryManifest Parse(ReadOnlySpan<byte> utf8, string fileLabel)
    {
        if (utf8.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            utf8 = utf8[3..];
        }

        string text;
        try
        {
            text = StrictUtf8.GetString(utf8);
        }
        catch (DecoderFallbackException e)
        {
            throw new BackupFormatException(fileLabel, e.Index, "manifest is not valid UTF-8");
        }

        JsonObject root;
        try
        {
            root = JsonNode.Parse(text, NodeOptions, DocumentOptions) as JsonObject
                ?? throw new BackupFormatException(fileLabel, "manifest is not a JSON object");

            // JsonNode materialises lazily: touch every node now so syntax problems surface here, not later.
            _ = root.ToJsonString();
        }
        catch (JsonException e)
        {
            throw new BackupFormatException(fileLabel, $"manifest is not valid JSON: {e.Message}");
        }

        var problem = FerryManifestSchema.FirstProblem(root);
        var checksumProblem = ChecksumProblem(root);
        if (problem is not null)
        {
            throw new BackupFormatException(fileLabel, checksumProblem is null ? problem : $"{problem} (and the manifest's own checksum does not match its content)");
        }

        if (checksumProblem is not null)
        {
            throw new BackupFormatException(fileLabel, checksumProblem);
        }

        try
        {
            return root.Deserialize<FerryManifest>(Options) ?? throw new BackupFormatException(fileLabel, "manifest is empty");
        }
        catch (JsonException e)
        {
            // The schema check should have caught it; still a named, damaged manifest rather than a crash.
            throw new BackupFormatException(fileLabel, $"manifest is not valid: {e.Message}");
        }
    }

    public static async Task<FerryManifest> ReadAsync(string path, CancellationToken cancellationToken = default) =>
        Parse(await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false), path);

    /// <summary>Null when the checksum matches or the manifest predates it (version 1, no field).</summary>
    private static string? ChecksumProblem(JsonObject root)
    {
        if (root[ChecksumField] is not JsonValue value || value.GetValueKind() != JsonValueKind.String)
        {
            return null; // absent in version 1; a version-2 manifest without it is a schema problem
        }

        var recorded = value.GetValue<string>();
        var actual = CanonicalSha256(root);
        return string.Equals(recorded, actual, StringComparison.Ordinal)
            ? null
            : $"the manifest's own checksum does not match its content (content hashes to {actual}, manifestSha256 says {recorded}): it was changed after the backup was written";
    }

    private static string CanonicalSha256(JsonObject root)
    {
        var copy = root.DeepClone().AsObject();
        copy.Remove(ChecksumField);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(copy.ToJsonString())));
    }
}
