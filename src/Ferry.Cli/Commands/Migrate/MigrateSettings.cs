using System.ComponentModel;
using Ferry.Cli.Infrastructure;
using Spectre.Console.Cli;

namespace Ferry.Cli.Commands.Migrate;

/// <summary>Options every <c>ferry migrate</c> verb that reads a store has.</summary>
public abstract class MigrateSettings : StoreSettings
{
    [CommandOption("--dir <DIR>")]
    [Description("The migrations folder (default: migrations: in ferry.yaml, else ./migrations)")]
    public string? DirectoryOption { get; init; }

    public string Directory => DirectoryOption ?? Config.MigrationsDirectory ?? "migrations";

    [CommandOption("--assembly <PATH>")]
    [Description("Also load C# migrations (classes implementing IMigration marked with the Migration attribute) from this assembly")]
    public string? Assembly { get; init; }

    [CommandOption("--timeout <SECONDS>")]
    [Description("Time limit per JavaScript migration (default 1800)")]
    public int? TimeoutSeconds { get; init; }

    [CommandOption("--memory-limit <MIB>")]
    [Description("Heap growth limit per JavaScript migration, in MiB (default 512)")]
    public int? MemoryLimitMiB { get; init; }

    public override Spectre.Console.ValidationResult Validate() => Eval.ScriptLimitsOptions.Validate(TimeoutSeconds, MemoryLimitMiB);
}
