using System.Text.Json;
using Ferry.Core.Backup.Formats;

namespace Ferry.Core.Tests.Backup;

public sealed class BsonCorpusValidatorTests
{
    public static IEnumerable<(string File, string Description, byte[] Bytes)> Cases(string section, string field)
    {
        foreach (var file in Directory.EnumerateFiles(TestPaths.BsonCorpus, "*.json").Order(StringComparer.Ordinal))
        {
            using var json = JsonDocument.Parse(File.ReadAllText(file));
            if (!json.RootElement.TryGetProperty(section, out var cases))
            {
                continue;
            }

            foreach (var testCase in cases.EnumerateArray())
            {
                if (testCase.TryGetProperty(field, out var hex))
                {
                    yield return (Path.GetFileName(file), testCase.GetProperty("description").GetString()!, Convert.FromHexString(hex.GetString()!));
                }
            }
        }
    }

    [Fact]
    public void Every_valid_canonical_corpus_document_passes()
    {
        var cases = Cases("valid", "canonical_bson").ToList();
        Assert.True(cases.Count > 100, $"only {cases.Count} corpus cases found");
        var failures = cases
            .Select(c => (c.File, c.Description, Problem: BsonDocumentValidator.Validate(c.Bytes)))
            .Where(c => c.Problem is not null)
            .Select(c => $"{c.File} / {c.Description}: {c.Problem}")
            .ToList();
        Assert.Empty(failures);
    }

    [Fact]
    public void Every_corpus_decode_error_is_rejected()
    {
        var cases = Cases("decodeErrors", "bson").ToList();
        Assert.True(cases.Count > 50, $"only {cases.Count} decode-error cases found");
        var accepted = cases
            .Where(c => BsonDocumentValidator.Validate(c.Bytes) is null)
            .Select(c => $"{c.File} / {c.Description}")
            .ToList();
        Assert.Empty(accepted);
    }
}
