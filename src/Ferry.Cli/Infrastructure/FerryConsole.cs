using Spectre.Console;
using Spectre.Console.Rendering;

namespace Ferry.Cli.Infrastructure;

/// <summary>
/// The console verbs write to: results on standard output (everything of <see cref="IAnsiConsole"/> goes there)
/// and <see cref="Error"/> for errors and warnings, on standard error, so <c>ferry export … &gt; out.json</c> never
/// hides an error inside the file.
/// </summary>
public sealed class FerryConsole(IAnsiConsole output, IAnsiConsole error) : IAnsiConsole
{
    /// <summary>
    /// Width given to a redirected stream: a message is one line in a log (grep finds all of it), never hard-wrapped
    /// at Spectre's default of 80 columns. Tables are sized to their content, so they keep their layout.
    /// </summary>
    public const int RedirectedWidth = 32_767;

    /// <summary>Errors and warnings: standard error.</summary>
    public IAnsiConsole Error { get; } = error;

    public Profile Profile => output.Profile;

    public IAnsiConsoleCursor Cursor => output.Cursor;

    public IAnsiConsoleInput Input => output.Input;

    public IExclusivityMode ExclusivityMode => output.ExclusivityMode;

    public RenderPipeline Pipeline => output.Pipeline;

    /// <summary>The process's standard output and standard error; a redirected one is not wrapped.</summary>
    public static FerryConsole ForProcess() => new(
        ForStream(System.Console.Out, System.Console.IsOutputRedirected),
        ForStream(System.Console.Error, System.Console.IsErrorRedirected));

    public void Clear(bool home) => output.Clear(home);

    public void Write(IRenderable renderable) => output.Write(renderable);

    public void WriteAnsi(Action<AnsiWriter> action) => output.WriteAnsi(action);

    private static IAnsiConsole ForStream(TextWriter writer, bool redirected)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(writer) });
        if (redirected)
        {
            console.Profile.Width = RedirectedWidth;
        }

        return console;
    }
}
