using System.ComponentModel;
using Ferry.Cli.Infrastructure;
using Ferry.Core.Health;
using Ferry.Core.Validation.Rules;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Ferry.Cli.Commands.Assess;

public sealed class HealthSettings : StoreSettings
{
    [CommandOption("--check <NAMES>")]
    [Description("Comma-separated checks: connectivity, server, disk, migrations, lock, backup, endpoints (default all)")]
    public string? CheckOption { get; init; }

    [CommandOption("--backups <DIR>")]
    [Description("The backups folder (free disk, last good backup); default backups: in ferry.yaml")]
    public string? BackupsOption { get; init; }

    [CommandOption("--migrations <DIR>")]
    [Description("The migrations folder (pending migrations); default migrations: in ferry.yaml")]
    public string? MigrationsOption { get; init; }

    [CommandOption("--min-free <SIZE>")]
    [Description("Free space each location must keep at least (e.g. 10GB)")]
    public string? MinFree { get; init; }

    [CommandOption("--needed <SIZE>")]
    [Description("Space a backup or migration needs (default: the database's data size)")]
    public string? Needed { get; init; }

    [CommandOption("--max-backup-age <DURATION>")]
    [Description("Fail when the last good backup is older (e.g. 1d, 12h)")]
    public string? MaxBackupAge { get; init; }

    public IReadOnlyList<string> Checks => CheckOption is null ? [] : CheckOption.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    public string? Backups => BackupsOption ?? Config.BackupsDirectory;

    public string? Migrations => MigrationsOption ?? Config.MigrationsDirectory;

    public long? MinFreeBytes => MinFree is not null && ByteSize.TryParse(MinFree, out var b) ? b : null;

    public long? NeededBytes => Needed is not null && ByteSize.TryParse(Needed, out var b) ? b : null;

    public TimeSpan? MaxBackupAgeSpan => MaxBackupAge is not null && DurationParser.TryParse(MaxBackupAge, out var d) ? d : null;

    public override ValidationResult Validate() => OptionChecks.First(
        () => OptionChecks.Refuse(Checks.FirstOrDefault(c => !HealthOptions.CheckNames.Contains(c)) is { } bad,
            $"--check {CheckOption}: unknown check; expected some of {string.Join(", ", HealthOptions.CheckNames)}"),
        () => OptionChecks.Refuse(MinFree is not null && MinFreeBytes is null, $"--min-free {MinFree}: expected a size such as 500MB or 10GB"),
        () => OptionChecks.Refuse(Needed is not null && NeededBytes is null, $"--needed {Needed}: expected a size such as 500MB or 10GB"),
        () => OptionChecks.Refuse(MaxBackupAge is not null && MaxBackupAgeSpan is null, $"--max-backup-age {MaxBackupAge}: expected a duration such as 30m, 12h or 1d"),
        () => OptionChecks.Refuse(MigrationsOption is not null && !Directory.Exists(MigrationsOption), $"--migrations {MigrationsOption}: no such folder"));
}
