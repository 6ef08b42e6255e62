using Ferry.Demo.Generation;

namespace Ferry.Demo.Workflow.Steps;

/// <summary>
/// Writes planted.json (documents per collection and the exact planted defects) beside the data, and counts each
/// collection in the store: a count that differs from the summary fails the demo rather than mislead.
/// </summary>
public sealed class SummaryStep : IDemoStep
{
    public string Name => "summary";

    public async Task<string> RunAsync(DemoContext context, CancellationToken cancellationToken = default)
    {
        var summary = context.Summary ?? throw new InvalidOperationException("the summary step runs after the seed step");
        foreach (var name in InfraMindCollections.All)
        {
            var count = await context.Database.GetCollection(name).CountAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
            context.StoreCounts[name] = count;
            var expected = summary.Documents.GetValueOrDefault(name);
            if (count != expected)
            {
                throw new InvalidOperationException($"{context.Options.Database}.{name} holds {count} documents, but {expected} were generated");
            }
        }

        if (!context.Kept)
        {
            await summary.WriteAsync(context.Options.FullDirectory, cancellationToken).ConfigureAwait(false);
        }

        context.AddLocation("planted defects", context.Options.PlantedFile);
        context.Report(Name, $"wrote {context.Options.PlantedFile}");
        return $"{summary.TotalDocuments} documents counted in the store; planted defects in {GenerationSummary.FileName}";
    }
}
