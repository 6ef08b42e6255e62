using Ferry.Core.Backup;

namespace Ferry.Demo.Workflow.Steps;

/// <summary>
/// Makes a second run work: an existing demo database is dropped (after saying so) so the demo starts over, or
/// kept with <see cref="DemoOptions.Keep"/> — then the later steps reuse it and its planted.json. The production
/// database a previous run left is backed up (verified) before it is dropped: the plan's transform needs an empty
/// target, and nothing is lost.
/// </summary>
public sealed class PrepareStep : IDemoStep
{
    public string Name => "prepare";

    public async Task<string> RunAsync(DemoContext context, CancellationToken cancellationToken = default)
    {
        var options = context.Options;
        var databases = await context.Store.ListDatabaseNamesAsync(cancellationToken).ConfigureAwait(false);
        if (databases.Contains(options.ProductionDatabase))
        {
            await BackUpAndDropProductionAsync(context, cancellationToken).ConfigureAwait(false);
        }

        var existing = databases.Contains(options.Database);
        if (!existing)
        {
            context.Report(Name, $"creating the demo database {options.Database} in {options.StoreUri}");
            return "new database";
        }

        if (options.Keep)
        {
            context.Kept = true;
            context.Report(Name, $"keeping the existing demo database {options.Database} (--keep); run without --keep to start over");
            return "kept the existing database";
        }

        context.Report(Name, $"dropping the existing demo database {options.Database} to start over (pass --keep to keep it)");
        await context.Store.DropDatabaseAsync(options.Database, cancellationToken).ConfigureAwait(false);
        File.Delete(options.PlantedFile);
        return "dropped the previous database";
    }

    private async Task BackUpAndDropProductionAsync(DemoContext context, CancellationToken cancellationToken)
    {
        var options = context.Options;
        var backups = Path.Combine(options.FullDirectory, "backups");
        var service = new BackupService(options.Clock);
        var tag = $"demo-previous-prod-{Guid.NewGuid():N}"[..32];
        await service.CreateAsync(context.Store, new BackupOptions { Databases = [options.ProductionDatabase], Tag = tag, OutputRoot = backups }, null, cancellationToken).ConfigureAwait(false);
        var verification = await service.VerifyAsync(backups, tag, cancellationToken).ConfigureAwait(false);
        if (!verification.Ok)
        {
            throw new InvalidOperationException($"the backup {tag} of the previous {options.ProductionDatabase} did not verify ({verification.Problems[0]}); {options.ProductionDatabase} was left as it is");
        }

        context.Report(Name, $"backed up the previous production database {options.ProductionDatabase} to {Path.Combine(backups, tag)} (verified), then dropped it");
        await context.Store.DropDatabaseAsync(options.ProductionDatabase, cancellationToken).ConfigureAwait(false);
    }
}
