using System.ComponentModel;
using Ferry.Cli.Infrastructure;
using Ferry.Demo.Generation;
using Ferry.Demo.Workflow;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Ferry.Cli.Commands.Demo;

/// <summary>Options of <c>ferry demo</c>.</summary>
public sealed class DemoSettings : FerrySettings
{
    [CommandOption("--dir <DIR>")]
    [Description("The demo folder; the embedded store goes in DIR/data, the planted defects in DIR/planted.json (default ./ferry-demo)")]
    public string Directory { get; init; } = DemoOptions.DefaultDirectory;

    [CommandOption("--size <N>")]
    [Description("Users to generate, with 3 assessments each, their reports and workflow states, and agent metrics (default 1000)")]
    public long Size { get; init; } = 1000;

    [CommandOption("--seed <S>")]
    [Description("Seed of the generator: the same seed and size give the same data set (default 42)")]
    public int Seed { get; init; } = 42;

    [CommandOption("--keep")]
    [Description("Keep an existing demo database instead of dropping it and seeding afresh")]
    public bool Keep { get; init; }

    [CommandOption("--fail-at <STEP>")]
    [Description("Plant a failure at this step of the lifecycle's plan run (backup-prod, transform, migrate, validate-prod, repair, validate-prod-after-repair) to see the automatic rollback; exits 1")]
    public string? FailAt { get; init; }

    /// <summary>Any seed is a seed; the size must be a number of users the generator accepts (the same message it
    /// gives); --fail-at must name a step of the plan (the CLI always runs the migrations).</summary>
    public override ValidationResult Validate() =>
        Size is < 1 or > GeneratorOptions.MaxSize
            ? ValidationResult.Error($"--size {Size}: expected a number of users from 1 to {GeneratorOptions.MaxSize}")
            : DemoPlan.CheckFailAt(FailAt, withMigrations: true) is { } bad ? ValidationResult.Error(bad) : ValidationResult.Success();

    /// <summary>The demo's options; its data is dated from the start of the day of the one clock (FERRY_CLOCK when set).</summary>
    public DemoOptions ToOptions() => new() { Directory = Directory, Size = Size, Seed = Seed, Keep = Keep, FailAt = FailAt, Clock = new StartOfDayClock(Core.Time.FixedTimeProvider.FromEnvironment()) };
}
