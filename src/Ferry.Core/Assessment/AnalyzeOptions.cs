namespace Ferry.Core.Assessment;

/// <summary>Options of <see cref="DataAnalyzer"/>.</summary>
public sealed record AnalyzeOptions
{
    /// <summary>Collections to analyse; empty means every collection except Ferry's own (<c>_ferry_*</c>) and <c>system.*</c>.</summary>
    public IReadOnlyList<string> Collections { get; init; } = [];

    /// <summary>Documents sampled per collection (a uniform random sample, <c>$sample</c>); null streams every document.</summary>
    public int? SampleSize { get; init; } = 1000;

    /// <summary>Values per field checked against other collections' <c>_id</c> when looking for references.</summary>
    public int ReferenceSampleSize { get; init; } = 1000;

    /// <summary>A field is reported as a reference when at least this share of its sampled values are another collection's ids.</summary>
    public double MinReferenceRatio { get; init; } = 0.5;

    /// <summary>Documents larger than this count against a collection's complexity (MongoDB's limit is 16 MiB).</summary>
    public long LargeDocumentBytes { get; init; } = 1024 * 1024;

    /// <summary>Distinct field paths tracked per collection; a collection with more (keys used as data) is flagged instead of growing memory.</summary>
    public int MaxPaths { get; init; } = 2000;
}
