using Ferry.Core.Errors;
using Ferry.Core.Migrations;
using Ferry.Core.Storage;

namespace Ferry.Core.Tests.Migrations;

/// <summary>A script runner for discovery tests: a script is "valid" unless it contains SYNTAX-ERROR, has a down
/// part when it mentions "down", and running it records the file name.</summary>
internal sealed class FakeScriptRunner : IMigrationScriptRunner
{
    public List<string> Ran { get; } = [];

    public MigrationScriptInfo Inspect(MigrationScript script) =>
        script.Text.Contains("SYNTAX-ERROR", StringComparison.Ordinal)
            ? throw new UserInputException($"{script.FileName}:1:1: SyntaxError: bad")
            : new MigrationScriptInfo(script.Text.Contains("down", StringComparison.Ordinal), null);

    public Task RunAsync(MigrationScript script, MigrationDirection direction, IDocumentDatabase database, CancellationToken cancellationToken = default)
    {
        Ran.Add($"{direction} {script.FileName}");
        return Task.CompletedTask;
    }
}
