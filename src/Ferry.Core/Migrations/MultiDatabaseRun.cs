using Ferry.Core.Errors;
using Ferry.Core.Storage;
using MongoDB.Bson;

namespace Ferry.Core.Migrations;

/// <summary>What a migrate verb did on one of the databases <c>--db</c> named: its <c>--json</c> document and whether it held.</summary>
public sealed record DatabaseOutcome(string Database, BsonDocument Json, bool Ok)
{
    /// <summary>Why the verb could not be done on this database (its lock is held, or it was refused after others were done).</summary>
    public string? Error { get; init; }

    public static DatabaseOutcome Failed(string database, string error) =>
        new(database, new BsonDocument { { "database", database }, { "error", UriRedactor.RedactText(error) } }, false) { Error = error };
}

/// <summary>
/// A migrate verb over every database <c>--db</c> named, one after another. A database whose lock another runner
/// holds, or that is refused after other databases were already done, is that database's failed outcome and the run
/// goes on with the others: bad input (exit 2) would claim nothing was written. A refusal on the first database is
/// still bad input, thrown.
/// </summary>
public sealed class MultiDatabaseRun
{
    private readonly List<DatabaseOutcome> _outcomes = [];

    public IReadOnlyList<DatabaseOutcome> Databases => _outcomes;

    public bool Ok => _outcomes.All(o => o.Ok);

    /// <summary>Does <paramref name="verb"/> on <paramref name="database"/> and records its outcome (returned too, to be shown at once).</summary>
    public async Task<DatabaseOutcome> RunAsync(IDocumentDatabase database, Func<Task<DatabaseOutcome>> verb)
    {
        DatabaseOutcome outcome;
        try
        {
            outcome = await verb().ConfigureAwait(false);
        }
        catch (Exception e) when (e is Runs.DatabaseLockedException || (_outcomes.Count > 0 && e is UserInputException or OperationFailedException))
        {
            outcome = DatabaseOutcome.Failed(database.Name, e.Message);
        }

        _outcomes.Add(outcome);
        return outcome;
    }

    /// <summary>The <c>migrate … --json</c> document: <c>{ ok, databases: [ … ] }</c>.</summary>
    public BsonDocument ToBson() => new() { { "ok", Ok }, { "databases", new BsonArray(_outcomes.Select(o => o.Json)) } };
}
