using MongoDB.Bson;

namespace Ferry.Core.Transfer;

/// <summary>How <see cref="ExtendedJsonImporter"/> writes each document.</summary>
public enum ImportMode
{
    /// <summary>Insert every document; an <c>_id</c> that already exists is an error.</summary>
    Insert,

    /// <summary>Replace the document with the same <c>_id</c>, inserting it when there is none (a document
    /// without <c>_id</c> is inserted).</summary>
    Upsert,
}

/// <summary>Options of <see cref="ExtendedJsonImporter"/>.</summary>
public sealed record ImportOptions
{
    public ImportMode Mode { get; init; } = ImportMode.Insert;

    /// <summary>Import what can be imported and report the rest (bad lines, rejected documents) instead of
    /// refusing the whole file.</summary>
    public bool ContinueOnError { get; init; }

    public int BatchSize { get; init; } = 1000;

    /// <summary>At most this many line errors are kept in <see cref="ImportResult.Errors"/> (all are counted).</summary>
    public int MaxReportedErrors { get; init; } = 100;

    /// <summary>How the import takes its database's run lock.</summary>
    public Runs.RunLockOptions Lock { get; init; } = new();

    /// <summary>The clock of the import's run in the journal.</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;
}

/// <summary>One line that was not imported: its 1-based number and why.</summary>
public sealed record ImportLineError(long Line, string Message)
{
    /// <summary><c>FILE:LINE: message</c>, the way compilers point at a line.</summary>
    public string Format(string file) => $"{file}:{Line}: {Message}";
}

/// <summary>What an import did.</summary>
public sealed record ImportResult
{
    public required string File { get; init; }

    public required string Collection { get; init; }

    public ImportMode Mode { get; init; }

    /// <summary>Non-blank lines read.</summary>
    public long Lines { get; init; }

    public long Inserted { get; init; }

    /// <summary>Existing documents replaced (upsert mode).</summary>
    public long Replaced { get; init; }

    /// <summary>Lines not imported: bad JSON or rejected by the store (only with ContinueOnError).</summary>
    public long Failed { get; init; }

    /// <summary>The first failed lines (up to <see cref="ImportOptions.MaxReportedErrors"/>).</summary>
    public IReadOnlyList<ImportLineError> Errors { get; init; } = [];

    /// <summary>The import's run in the journal (<c>_ferry_runs</c> of the collection's database).</summary>
    public string? RunId { get; init; }

    public BsonDocument ToBsonDocument() => new()
    {
        { "runId", (BsonValue?)RunId ?? BsonNull.Value },
        { "file", File },
        { "collection", Collection },
        { "mode", Mode.ToString().ToLowerInvariant() },
        { "lines", Lines },
        { "inserted", Inserted },
        { "replaced", Replaced },
        { "failed", Failed },
        { "errors", new BsonArray(Errors.Select(e => new BsonDocument { { "line", e.Line }, { "message", e.Message } })) },
    };
}
