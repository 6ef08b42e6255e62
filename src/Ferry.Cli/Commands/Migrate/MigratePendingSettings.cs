namespace Ferry.Cli.Commands.Migrate;

/// <summary>Options of <c>ferry migrate pending</c>.</summary>
public sealed class MigratePendingSettings : MigrateSettings;
