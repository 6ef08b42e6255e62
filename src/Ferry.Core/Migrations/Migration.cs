using Ferry.Core.Storage;

namespace Ferry.Core.Migrations;

/// <summary>
/// One known migration, wherever it came from (a script file or a C# class): what the runner orders, compares with
/// the changelog and runs through <see cref="Body"/>.
/// </summary>
/// <param name="Source">The file name of a script, or the type name of a C# migration.</param>
/// <param name="Checksum">SHA-256 of the normalised script text; null for C# migrations (compiled code has no text to compare).</param>
public sealed record Migration(MigrationVersion Version, string Description, string Source, string? Checksum, bool HasDown, IMigrationBody Body);

/// <summary>Runs one migration's up or down part.</summary>
public interface IMigrationBody
{
    Task RunAsync(MigrationDirection direction, IDocumentDatabase database, CancellationToken cancellationToken = default);
}

/// <summary>A script migration, run by the <see cref="IMigrationScriptRunner"/>.</summary>
public sealed class ScriptMigrationBody(MigrationScript script, IMigrationScriptRunner runner) : IMigrationBody
{
    public Task RunAsync(MigrationDirection direction, IDocumentDatabase database, CancellationToken cancellationToken = default) =>
        runner.RunAsync(script, direction, database, cancellationToken);
}

/// <summary>A C# migration.</summary>
public sealed class ClrMigrationBody(IMigration migration) : IMigrationBody
{
    public Task RunAsync(MigrationDirection direction, IDocumentDatabase database, CancellationToken cancellationToken = default) =>
        direction == MigrationDirection.Up ? migration.UpAsync(database, cancellationToken) : migration.DownAsync(database, cancellationToken);
}
