using System.ComponentModel;
using Ferry.Cli.Infrastructure;
using Ferry.Core.Validation.Rules;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Ferry.Cli.Commands.Cleanup;

/// <summary>Options of <c>ferry cleanup</c>.</summary>
public sealed class CleanupSettings : LockingStoreSettings
{
    [CommandOption("--older-than <AGE>")]
    [Description("Ferry state older than this goes: finished runs' journals and id maps, restored quarantine entries, backups past retention (30d, 12h, …; default 30d)")]
    public string OlderThan { get; init; } = "30d";

    [CommandOption("--dry-run")]
    [Description("List what would be removed and what stays (and why); remove nothing")]
    public bool DryRun { get; init; }

    [CommandOption("--confirm")]
    [Description("Remove what is listed (user data only after a verified backup); without it (or with --dry-run) nothing is removed")]
    public bool Confirm { get; init; }

    [CommandOption("--backups-keep <N>")]
    [Description("Old backups beyond the newest N go (default 3); the last good backup is kept always")]
    [DefaultValue(3)]
    public int BackupsKeep { get; init; } = 3;

    [CommandOption("--backup-root <DIR>")]
    [Description("Where backups live (and where the backups taken before removing user data go); default backups: in ferry.yaml, else ./backups")]
    public string? BackupRootOption { get; init; }

    [CommandOption("--demo")]
    [Description("Also remove demo data by the rules' demo_markers, with every document that references it (needs --rules)")]
    public bool Demo { get; init; }

    [CommandOption("--rules <FILE>")]
    [Description("With --demo: the transformation rules (demo_markers, and map_id fields for the references)")]
    public string? Rules { get; init; }

    public string BackupRoot => BackupRootOption ?? Config.BackupsDirectory ?? "backups";

    public TimeSpan Age => DurationParser.TryParse(OlderThan, out var age) ? age : TimeSpan.Zero;

    public override ValidationResult Validate() => OptionChecks.First(
        () => OptionChecks.Refuse(!DurationParser.TryParse(OlderThan, out var age) || age <= TimeSpan.Zero, $"--older-than: expected an age like 30d, 12h or 90m, got '{OlderThan}'"),
        () => OptionRange.AtLeast(("--backups-keep", BackupsKeep, 0)),
        () => OptionChecks.Refuse(DryRun && Confirm, "--dry-run and --confirm: give one (--dry-run lists, --confirm removes)"),
        () => OptionChecks.Refuse(Demo && Rules is null, "--demo: needs --rules FILE (the rules whose demo_markers say what demo data is)"),
        () => OptionChecks.Refuse(!Demo && Rules is not null, "--rules: only used with --demo"));
}
