using Ferry.Cli.Infrastructure;
using Ferry.Core.Backup;
using Spectre.Console;

namespace Ferry.Cli.Commands.Backup;

/// <summary>Prints one line per finished collection (never under --json, where stdout is one JSON document).</summary>
internal sealed class BackupConsoleProgress(IAnsiConsole console, string verb) : IProgress<BackupProgress>
{
    private readonly Lock _gate = new();

    public static IProgress<BackupProgress>? For(Output output, string verb) => output.IsJson ? null : new BackupConsoleProgress(output.Console, verb);

    public void Report(BackupProgress value)
    {
        if (!value.Completed)
        {
            return;
        }

        lock (_gate)
        {
            console.MarkupLineInterpolated($"  [grey]{verb}[/] {value.Namespace}: {value.Documents} document(s)");
        }
    }
}
