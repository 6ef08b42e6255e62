namespace Ferry.Demo.Workflow.Steps;

/// <summary>
/// Makes a second run work: an existing demo database is dropped (after saying so) so the demo starts over, or
/// kept with <see cref="DemoOptions.Keep"/> — then the later steps reuse it and its planted.json.
/// </summary>
public sealed class PrepareStep : IDemoStep
{
    public string Name => "prepare";

    public async Task<string> RunAsync(DemoContext context, CancellationToken cancellationToken = default)
    {
        var options = context.Options;
        var existing = (await context.Store.ListDatabaseNamesAsync(cancellationToken).ConfigureAwait(false)).Contains(options.Database);
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
}
