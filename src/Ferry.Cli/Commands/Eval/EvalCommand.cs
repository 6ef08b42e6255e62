using Ferry.Cli.Infrastructure;
using Ferry.Core.Errors;
using Ferry.Core.Migrations.DryRun;
using Ferry.Core.Storage;
using Ferry.Scripting;
using MongoDB.Bson;
using Spectre.Console;

namespace Ferry.Cli.Commands.Eval;

/// <summary><c>ferry eval</c>: runs a mongosh-syntax script against a store (<see cref="MongoShell"/>) and prints
/// what it printed and the value it ended with. A script error prints <c>file:line:column</c> and exits 1.</summary>
public sealed class EvalCommand(IAnsiConsole console, StoreRegistry stores) : FerryCommand<EvalSettings>(console)
{
    protected override async Task<int> RunAsync(EvalSettings settings, Output output, CancellationToken cancellationToken)
    {
        var (source, sourceName) = ReadSource(settings);
        await using var realStore = await stores.OpenAsync(settings.ResolveUri(), cancellationToken).ConfigureAwait(false);
        var writes = new WriteLog();
        IDocumentStore store = settings.DryRun ? new RecordingStore(realStore, writes) : realStore;
        // Under --json the script's own printing goes to standard error, keeping standard output one JSON document.
        var printed = output.IsJson ? System.Console.Error : output.Console.Profile.Out.Writer;
        try
        {
            var result = await new MongoShell(store, settings.Limits())
                .EvaluateAsync(settings.ResolveDatabase(), source, sourceName, printed, cancellationToken).ConfigureAwait(false);
            var json = new BsonDocument { { "ok", true }, { "result", result.Value ?? BsonNull.Value } };
            if (settings.DryRun)
            {
                json["writes"] = new BsonArray(writes.Writes.Select(w => w.ToBson()));
            }

            output.Json(json);
            if (!output.IsJson && result.Display is not null)
            {
                output.Console.Profile.Out.Writer.WriteLine(result.Display);
            }

            if (settings.DryRun)
            {
                output.Line($"[grey]dry run: {writes.Writes.Count} write(s) not made[/]");
                foreach (var write in writes.Writes)
                {
                    output.Line($"    [grey]{Markup.Escape(write.ToString())}[/]");
                }
            }

            return ExitCodes.Ok;
        }
        catch (ScriptFailedException e)
        {
            output.Json(new BsonDocument
            {
                { "ok", false },
                { "error", Ferry.Core.Storage.UriRedactor.RedactText(e.Message) },
                { "file", e.SourceName },
                { "line", (BsonValue?)e.Line ?? BsonNull.Value },
                { "column", (BsonValue?)e.Column ?? BsonNull.Value },
                { "code", (BsonValue?)e.Code ?? BsonNull.Value },
                { "codeName", (BsonValue?)e.CodeName ?? BsonNull.Value },
            });
            ErrorReporter.WriteError(output.ErrorConsole, e.Message);
            return ExitCodes.Failed;
        }
    }

    private static (string Source, string Name) ReadSource(EvalSettings settings)
    {
        if (settings.Eval is not null)
        {
            return (settings.Eval, "<eval>");
        }

        try
        {
            return (System.IO.File.ReadAllText(settings.File!), Path.GetFileName(settings.File!));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UserInputException($"--file {settings.File}: cannot read: {e.Message}", e);
        }
    }
}
