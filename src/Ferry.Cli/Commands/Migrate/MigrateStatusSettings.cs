namespace Ferry.Cli.Commands.Migrate;

/// <summary>Options of <c>ferry migrate status</c>.</summary>
public sealed class MigrateStatusSettings : MigrateSettings;
