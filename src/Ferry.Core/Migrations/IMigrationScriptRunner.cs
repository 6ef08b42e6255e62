using Ferry.Core.Storage;

namespace Ferry.Core.Migrations;

/// <summary>
/// Runs JavaScript migrations (migrate-mongo's <c>module.exports = { up(db, client), down(db, client) }</c>).
/// Implemented by Ferry.Scripting's sandbox; defined here so the migration engine does not depend on a script
/// engine, and wired in by the command line.
/// </summary>
public interface IMigrationScriptRunner
{
    /// <summary>Checks a script without touching any data: throws <see cref="Errors.UserInputException"/> naming the
    /// file, line and column for a syntax error, or when the module exports no <c>up</c> function.</summary>
    MigrationScriptInfo Inspect(MigrationScript script);

    /// <summary>Runs the script's up or down part against <paramref name="database"/>. A script error surfaces as an
    /// exception whose message names the file, line and column.</summary>
    Task RunAsync(MigrationScript script, MigrationDirection direction, IDocumentDatabase database, CancellationToken cancellationToken = default);
}

/// <summary>A migration script's file name (as shown in messages) and text; a mongosh script migration's down part
/// is a sibling file (<c>NAME.down.js</c>), carried here when there is one.</summary>
public sealed record MigrationScript(string FileName, string Text)
{
    public string? DownFileName { get; init; }

    public string? DownText { get; init; }
}

/// <summary>What a script module exports: which parts, and its own description if it has one.</summary>
public sealed record MigrationScriptInfo(bool HasDown, string? Description);

/// <summary>Which part of a migration runs: up applies it, down undoes it.</summary>
public enum MigrationDirection
{
    Up,
    Down,
}
