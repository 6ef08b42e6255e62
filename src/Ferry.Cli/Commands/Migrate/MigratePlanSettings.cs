namespace Ferry.Cli.Commands.Migrate;

/// <summary>Options of <c>ferry migrate plan</c>.</summary>
public sealed class MigratePlanSettings : MigrateSettings;
