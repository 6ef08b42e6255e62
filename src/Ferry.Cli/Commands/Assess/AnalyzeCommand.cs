using Ferry.Cli.Infrastructure;
using Ferry.Core.Assessment;
using Ferry.Core.Storage;
using Ferry.Core.Time;
using MongoDB.Bson;
using MongoDB.Bson.IO;
using Spectre.Console;

namespace Ferry.Cli.Commands.Assess;

/// <summary><c>ferry analyze</c>: structure, volumes, dependencies and complexity of a database (see <see cref="DataAnalyzer"/>).</summary>
public sealed class AnalyzeCommand(IAnsiConsole console, StoreRegistry stores) : FerryCommand<AnalyzeSettings>(console)
{
    protected override async Task<int> RunAsync(AnalyzeSettings settings, Output output, CancellationToken cancellationToken)
    {
        OutputFiles.CheckWritable("--out", settings.Out);
        OutputFiles.CheckWritable("--rules-draft", settings.RulesDraft);
        await using var store = await stores.OpenAsync(settings.ResolveUri(), cancellationToken).ConfigureAwait(false);
        var database = store.GetDatabase(settings.ResolveDatabase());
        var options = new AnalyzeOptions { Collections = settings.Collections, SampleSize = settings.SampleSize };
        var analysis = await new DataAnalyzer(options, FixedTimeProvider.FromEnvironment()).AnalyzeAsync(database, cancellationToken).ConfigureAwait(false);

        var document = analysis.ToBson();
        if (settings.Out is not null)
        {
            await OutputFiles.WriteAsync(settings.Out, document.ToJson(new JsonWriterSettings { OutputMode = JsonOutputMode.RelaxedExtendedJson, Indent = true }), cancellationToken).ConfigureAwait(false);
        }

        if (settings.RulesDraft is not null)
        {
            await OutputFiles.WriteAsync(settings.RulesDraft, RulesDraft.ToYaml(analysis), cancellationToken).ConfigureAwait(false);
        }

        output.Json(document);
        AnalysisView.Render(output, analysis);
        return ExitCodes.Ok;
    }
}
