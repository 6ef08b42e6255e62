using System.ComponentModel;
using Ferry.Cli.Infrastructure;
using Ferry.Core.Configuration;
using Ferry.Core.Storage;
using Spectre.Console.Cli;

namespace Ferry.Cli.Commands.Emergency;

/// <summary>Options of <c>ferry emergency stop|recover</c>: the store, its databases (--db, else every one) and the backup root.</summary>
public class EmergencySettings : LockingStoreSettings
{
    [CommandOption("--out <DIR>")]
    [Description("The backup root folder; default: backups: in ferry.yaml, else ./backups")]
    public string? OutOption { get; init; }

    public string Out => OutOption ?? Config.BackupsDirectory ?? "backups";

    /// <summary>The database --db (or FERRY_DB, or ferry.yaml) names; otherwise every database of the store but MongoDB's own.</summary>
    public async Task<IReadOnlyList<string>> DatabasesAsync(IDocumentStore store, CancellationToken cancellationToken)
    {
        if (Stores.Find(StoreOption.Database, Database) is { } named)
        {
            return [named.Value];
        }

        var all = (await store.ListDatabaseNamesAsync(cancellationToken).ConfigureAwait(false)).Where(d => d is not ("admin" or "local" or "config")).Order(StringComparer.Ordinal).ToList();
        return all.Count > 0 ? all : throw new Ferry.Core.Errors.UserInputException($"{store.DisplayUri} has no database; name one with --db");
    }
}
