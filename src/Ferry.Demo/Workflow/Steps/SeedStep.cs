using Ferry.Core.Errors;
using Ferry.Core.Storage;
using Ferry.Demo.Generation;

namespace Ferry.Demo.Workflow.Steps;

/// <summary>
/// Streams the generated data set into the demo database through the store contract: unordered bulk inserts of
/// <see cref="DemoOptions.BatchSize"/> documents, one batch in memory at a time. A kept database is not re-seeded:
/// its summary is read from the planted.json written when it was seeded.
/// </summary>
public sealed class SeedStep : IDemoStep
{
    public string Name => "seed";

    public async Task<string> RunAsync(DemoContext context, CancellationToken cancellationToken = default)
    {
        if (context.Kept)
        {
            var planted = context.Options.PlantedFile;
            if (!File.Exists(planted))
            {
                throw new UserInputException($"--keep: {planted} is missing, so the kept database's planted defects are unknown; run without --keep to start over");
            }

            context.Summary = await GenerationSummary.ReadAsync(planted, cancellationToken).ConfigureAwait(false);
            return $"kept {context.Summary.TotalDocuments} documents (seed {context.Summary.Seed}, size {context.Summary.Size})";
        }

        var generator = context.Generator;
        long total = 0;
        foreach (var collection in generator.Collections)
        {
            total += await InsertAsync(context, collection, cancellationToken).ConfigureAwait(false);
        }

        context.Summary = generator.Summarize();
        return $"{total} documents in {generator.Collections.Count} collections (seed {generator.Options.Seed}, size {generator.Options.Size})";
    }

    private async Task<long> InsertAsync(DemoContext context, GeneratedCollection generated, CancellationToken cancellationToken)
    {
        var collection = context.Database.GetCollection(generated.Name);
        var batchSize = Math.Max(1, context.Options.BatchSize);
        var batch = new List<WriteRequest>(batchSize);
        long done = 0;
        context.ReportCollection(Name, generated.Name, 0, generated.Count);
        foreach (var document in generated.Documents)
        {
            batch.Add(new InsertRequest(document));
            if (batch.Count == batchSize)
            {
                done += await FlushAsync(collection, batch, cancellationToken).ConfigureAwait(false);
                context.ReportCollection(Name, generated.Name, done, generated.Count);
            }
        }

        if (batch.Count > 0)
        {
            done += await FlushAsync(collection, batch, cancellationToken).ConfigureAwait(false);
            context.ReportCollection(Name, generated.Name, done, generated.Count);
        }

        return done;
    }

    private static async Task<long> FlushAsync(IDocumentCollection collection, List<WriteRequest> batch, CancellationToken cancellationToken)
    {
        var result = await collection.BulkWriteAsync(batch, new BulkWriteOptions { IsOrdered = false }, cancellationToken).ConfigureAwait(false);
        batch.Clear();
        return result.InsertedCount;
    }
}
