namespace Ferry.Query.Tests.UpdateSemantics;

/// <summary>All recorded cases of tests/data/update-semantics, by id (file:line).</summary>
internal static class RecordedCases
{
    private static readonly Lazy<IReadOnlyDictionary<string, RecordedCase>> Loaded = new(Load);

    public static IReadOnlyDictionary<string, RecordedCase> All => Loaded.Value;

    private static IReadOnlyDictionary<string, RecordedCase> Load() =>
        Directory.GetFiles(TestData.Folder("update-semantics", "documentdb-regress"), "*.out")
            .Order(StringComparer.Ordinal)
            .SelectMany(RegressOutputParser.Parse)
            .ToDictionary(c => c.Id);
}
