using System.ComponentModel;
using Ferry.Cli.Infrastructure;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Ferry.Cli.Commands.Eval;

/// <summary>Options of <c>ferry eval</c>.</summary>
public sealed class EvalSettings : StoreSettings
{
    [CommandOption("--file <FILE>")]
    [Description("A JavaScript file in mongosh syntax to run")]
    public string? File { get; init; }

    [CommandOption("--eval <JS>")]
    [Description("JavaScript to run, e.g. \"db.users.countDocuments()\"")]
    public string? Eval { get; init; }

    [CommandOption("--timeout <SECONDS>")]
    [Description("Time limit for the script (default 600)")]
    public int? TimeoutSeconds { get; init; }

    [CommandOption("--memory-limit <MIB>")]
    [Description("How far the script may grow the heap, in MiB (default 512; 0 for no limit)")]
    public int? MemoryLimitMiB { get; init; }

    [CommandOption("--dry-run")]
    [Description("Read the real data but write nothing: list each write the script would make and the documents it would touch")]
    public bool DryRun { get; init; }

    public override ValidationResult Validate() =>
        (File is null) == (Eval is null)
            ? ValidationResult.Error("give exactly one of --file FILE or --eval JS")
            : ScriptLimitsOptions.Validate(TimeoutSeconds, MemoryLimitMiB);

    public Ferry.Scripting.ScriptLimits Limits() => ScriptLimitsOptions.Apply(Ferry.Scripting.ScriptLimits.Default, TimeoutSeconds, MemoryLimitMiB);
}
