using Ferry.Core.Backup;
using Ferry.Core.Errors;
using Ferry.Core.Runs;
using Ferry.Core.Storage;
using MongoDB.Bson;

namespace Ferry.Core.Schema;

/// <summary>
/// <c>ferry schema apply</c>: makes a database match its declared schema, idempotently (a second apply finds nothing
/// to do). Destructive changes (dropping an index, a collection or an undeclared reference document) are refused
/// without <see cref="SchemaApplyOptions.AllowDrop"/>, before anything is written; with it they run after a verified
/// backup of the collections they touch. An apply is a run in the journal (kind <c>schema</c>) under the database's
/// run lock; a killed apply is finished by applying again (every change is worked out afresh from the store).
/// </summary>
public sealed class SchemaApplier(IDocumentStore store, IDocumentDatabase database, SchemaApplyOptions options)
{
    public const string Kind = "schema";

    public async Task<SchemaResult> ApplyAsync(SchemaDeclaration schema, CancellationToken cancellationToken = default)
    {
        var changes = await new SchemaDiffer(database).DiffAsync(schema, cancellationToken).ConfigureAwait(false);
        var result = new SchemaResult(database.Name, schema.File, changes) { DryRun = options.DryRun };
        var destructive = changes.Where(c => c.Destructive).ToList();
        if (destructive.Count > 0 && !options.AllowDrop)
        {
            throw new UserInputException($"{schema.File}: {destructive.Count} change(s) would drop data or indexes ({destructive[0].Description}{(destructive.Count > 1 ? ", …" : string.Empty)}); pass --allow-drop to apply them after a verified backup; nothing was changed");
        }

        if (options.DryRun || changes.Count == 0)
        {
            return result;
        }

        var runId = JournaledRun.NewId(Kind, options.Time);
        await using var runLock = await DatabaseRunLock.AcquireAsync(database, "schema apply", runId, options.Lock, cancellationToken).ConfigureAwait(false);
        var backupTag = destructive.Count > 0 ? await BackupAsync(destructive, cancellationToken).ConfigureAwait(false) : null;
        await using var run = await JournaledRun.StartAsync(database, runId, Kind, new BsonDocument
        {
            { "database", database.Name },
            { "store", database.Store.DisplayUri },
            { "file", schema.File },
            { "changes", changes.Count },
            { "backup_root", options.BackupRoot },
        }, options.Time, cancellationToken).ConfigureAwait(false);
        try
        {
            if (backupTag is not null)
            {
                await run.SetBackupTagAsync(backupTag, cancellationToken).ConfigureAwait(false);
            }

            foreach (var change in changes)
            {
                await ApplyAsync(change, run.Token).ConfigureAwait(false);
            }

            await run.SetAsync(new BsonDocument("schema_changes", new BsonArray(changes.Select(c => c.ToBson()))), CancellationToken.None).ConfigureAwait(false);
            await run.CompleteAsync().ConfigureAwait(false);
            return result with { Applied = true, RunId = runId, BackupTag = backupTag };
        }
        catch (Exception) when (run.StopRequested && !cancellationToken.IsCancellationRequested)
        {
            throw await run.StoppedAsync("run ferry schema apply again to finish").ConfigureAwait(false);
        }
        catch (Exception e)
        {
            await run.FailedAsync(e).ConfigureAwait(false);
            throw;
        }
    }

    // Nothing is dropped without a verified copy: the touched collections (with their indexes and options) first.
    private async Task<string> BackupAsync(IReadOnlyList<SchemaChange> destructive, CancellationToken cancellationToken)
    {
        var tag = $"schema-{options.Time.GetUtcNow().UtcDateTime:yyyyMMdd-HHmmss}";
        var service = new BackupService(options.Time);
        await service.CreateAsync(store, new BackupOptions
        {
            Tag = tag,
            OutputRoot = options.BackupRoot,
            Databases = [database.Name],
            Collections = destructive.Select(c => c.Collection).Distinct(StringComparer.Ordinal).ToList(),
        }, null, cancellationToken).ConfigureAwait(false);
        var verification = await service.VerifyAsync(options.BackupRoot, tag, cancellationToken).ConfigureAwait(false);
        return verification.Ok ? tag
            : throw new OperationFailedException($"the backup {tag} taken before dropping did not verify ({string.Join("; ", verification.Problems.Take(3).Select(p => $"{p.File}: {p.Message}"))}); nothing was changed");
    }

    private async Task ApplyAsync(SchemaChange change, CancellationToken cancellationToken)
    {
        var collection = database.GetCollection(change.Collection);
        switch (change.Action)
        {
            case SchemaChange.CreateCollection:
                await database.CreateCollectionAsync(change.Collection, change.After, cancellationToken).ConfigureAwait(false);
                break;
            case SchemaChange.SetValidation:
                var collMod = new BsonDocument("collMod", change.Collection);
                collMod.AddRange(change.After!);
                await database.RunCommandAsync(collMod, cancellationToken).ConfigureAwait(false);
                break;
            case SchemaChange.CreateIndex:
                await collection.CreateIndexesAsync([change.After!], cancellationToken).ConfigureAwait(false);
                break;
            case SchemaChange.DropIndex:
                await collection.DropIndexAsync(change.Before!["name"].AsString, cancellationToken).ConfigureAwait(false);
                break;
            case SchemaChange.UpsertDocument:
                await collection.BulkWriteAsync([new ReplaceRequest(change.Filter!, change.After!, IsUpsert: true)], null, cancellationToken).ConfigureAwait(false);
                break;
            case SchemaChange.RemoveDocument:
                await collection.BulkWriteAsync([new DeleteRequest(change.Filter!)], null, cancellationToken).ConfigureAwait(false);
                break;
            case SchemaChange.DropCollection:
                await database.DropCollectionAsync(change.Collection, cancellationToken).ConfigureAwait(false);
                break;
            default:
                throw new InvalidOperationException("unknown schema change " + change.Action);
        }
    }
}
