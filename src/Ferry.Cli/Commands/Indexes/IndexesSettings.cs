using System.ComponentModel;
using System.Globalization;
using Ferry.Cli.Infrastructure;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Ferry.Cli.Commands.Indexes;

/// <summary>Options every <c>ferry indexes</c> verb has.</summary>
public class IndexesSettings : StoreSettings
{
    [CommandOption("--collection <NAME>")]
    [Description("Only these collections (repeatable or comma-separated); default every collection but Ferry's own")]
    public string[] CollectionOptions { get; init; } = [];

    public IReadOnlyList<string> Collections =>
        CollectionOptions.SelectMany(c => c.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).Distinct().ToList();
}

/// <summary>Options of <c>ferry indexes unused</c>.</summary>
public sealed class IndexesUnusedSettings : IndexesSettings
{
    [CommandOption("--since <DATE>")]
    [Description("Unused since this date (yyyy-MM-dd or ISO 8601, UTC): only indexes whose counter ran since then with no access; default since each counter started (creation)")]
    public string? Since { get; init; }

    public DateTime? SinceDate => Since is null ? null : DateTime.Parse(Since, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);

    public override ValidationResult Validate() => OptionChecks.Refuse(
        Since is not null && !DateTime.TryParse(Since, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out _),
        $"--since: expected a date like 2026-05-01 or 2026-05-01T12:00:00Z, got '{Since}'");
}

/// <summary>Options of <c>ferry indexes apply</c>.</summary>
public sealed class IndexesApplySettings : IndexesSettings
{
    [CommandArgument(0, "[FILE]")]
    [Description("The declared indexes (YAML or JSON: indexes: { collection: [ { key: {…}, name: … } ] }), e.g. samples/inframind/indexes.yaml")]
    public string? File { get; init; }

    [CommandOption("--recreate <NAME>")]
    [Description("Instead of FILE: build again an index ferry indexes drop removed (its definition is in _ferry_dropped_indexes)")]
    public string? Recreate { get; init; }

    public override ValidationResult Validate() => OptionChecks.First(
        () => OptionChecks.Refuse(File is null && Recreate is null, "FILE: the index declarations file is required (or --recreate NAME to rebuild a dropped index)"),
        () => OptionChecks.Refuse(File is not null && Recreate is not null, "--recreate: give either FILE or --recreate NAME, not both"));
}

/// <summary>Options of <c>ferry indexes drop</c>.</summary>
public sealed class IndexesDropSettings : IndexesSettings
{
    [CommandArgument(0, "<NAME>")]
    [Description("The index name (ferry indexes list shows them)")]
    public string Name { get; init; } = string.Empty;

    [CommandOption("--confirm")]
    [Description("Really drop it (its definition is recorded first, for ferry indexes apply --recreate NAME); without it, show what would be dropped and exit 1")]
    public bool Confirm { get; init; }

    public override ValidationResult Validate() => OptionChecks.Refuse(Collections.Count > 1, "--collection: drop takes one collection");
}
