using Ferry.Query.Common;
using Ferry.Query.Filters;
using MongoDB.Bson;

namespace Ferry.Serve.Commands;

/// <summary>Commands about databases (listDatabases, dropDatabase, renameCollection) and the ones the store's own command
/// runner answers (create, drop, collMod, listCollections, listIndexes, createIndexes, dropIndexes, count, distinct,
/// dbStats, collStats, explain), passed through without the generic fields.</summary>
internal static class AdminCommands
{
    public static async Task<BsonDocument> ListDatabasesAsync(CommandContext context, CancellationToken cancellationToken)
    {
        var nameOnly = context.Flag("nameOnly");
        var filter = context.Document("filter") is { ElementCount: > 0 } f ? FilterMatcher.Compile(f) : null;
        var databases = new BsonArray();
        double total = 0;
        foreach (var name in await context.Store.ListDatabaseNamesAsync(cancellationToken).ConfigureAwait(false))
        {
            var entry = new BsonDocument("name", name);
            if (!nameOnly)
            {
                var stats = await context.Store.GetDatabase(name).GetStatsAsync(cancellationToken).ConfigureAwait(false);
                entry["sizeOnDisk"] = (double)stats.StorageSize;
                entry["empty"] = stats.Objects == 0;
                total += stats.StorageSize;
            }

            if (filter is null || filter.Matches(entry))
            {
                databases.Add(entry);
            }
        }

        var reply = new BsonDocument("databases", databases);
        if (!nameOnly)
        {
            reply["totalSize"] = total;
            reply["totalSizeMb"] = (long)(total / (1024 * 1024));
        }

        reply["ok"] = 1.0;
        return reply;
    }

    public static async Task<BsonDocument> DropDatabaseAsync(CommandContext context, CancellationToken cancellationToken)
    {
        await context.Store.DropDatabaseAsync(context.Database, cancellationToken).ConfigureAwait(false);
        return new BsonDocument { { "dropped", context.Database }, { "ok", 1.0 } };
    }

    /// <summary>renameCollection is sent to admin with full namespaces; it runs on the source's database.</summary>
    public static Task<BsonDocument> RenameCollectionAsync(CommandContext context, CancellationToken cancellationToken)
    {
        var from = context.Argument is BsonString s ? s.Value : throw ErrorCodes.Type("BSON field 'renameCollection.renameCollection' must be a string namespace");
        var dot = from.IndexOf('.', StringComparison.Ordinal);
        if (dot <= 0 || dot == from.Length - 1)
        {
            throw ErrorCodes.Create(ErrorCodes.InvalidNamespace, "Invalid source namespace: " + from);
        }

        return context.Store.GetDatabase(from[..dot]).RunCommandAsync(context.WithoutGenericFields(), cancellationToken);
    }

    public static Task<BsonDocument> PassThroughAsync(CommandContext context, CancellationToken cancellationToken) =>
        context.Db.RunCommandAsync(context.WithoutGenericFields(), cancellationToken);
}
