using MongoDB.Bson;
using Spectre.Console;

namespace Ferry.Cli.Infrastructure;

/// <summary>
/// Where a verb writes: human output (tables, progress) to the console, or with --json one relaxed Extended
/// JSON document to standard output and nothing else there (diagnostics go to standard error).
/// </summary>
public sealed class Output(IAnsiConsole console, bool json)
{
    public bool IsJson { get; } = json;

    public IAnsiConsole Console { get; } = console;

    /// <summary>Standard error: errors and warnings, never mixed with results (in tests, the one test console).</summary>
    public IAnsiConsole ErrorConsole => Console is FerryConsole ferry ? ferry.Error : Console;

    /// <summary>Writes the result document when --json was given.</summary>
    public void Json(BsonDocument document)
    {
        if (IsJson)
        {
            // Relaxed Extended JSON with doubles as their shortest round-trip text (15.2, not 15.199999999999999).
            Console.Profile.Out.Writer.WriteLine(Ferry.Core.Json.RelaxedJson.Write(document));
        }
    }

    /// <summary>Writes a line for humans (suppressed under --json).</summary>
    public void Line(string markup)
    {
        if (!IsJson)
        {
            Console.MarkupLine(markup);
        }
    }

    /// <summary>A warning for humans, on standard error (suppressed under --json: the document carries it).</summary>
    public void Warning(string markup)
    {
        if (!IsJson)
        {
            ErrorConsole.MarkupLine("[yellow]warning:[/] " + markup);
        }
    }

    public void Render(Spectre.Console.Rendering.IRenderable renderable)
    {
        if (!IsJson)
        {
            Console.Write(renderable);
        }
    }
}
