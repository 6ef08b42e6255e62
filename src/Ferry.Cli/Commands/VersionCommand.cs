using Ferry.Cli.Infrastructure;
using MongoDB.Bson;
using Spectre.Console;

namespace Ferry.Cli.Commands;

public sealed class VersionCommand(IAnsiConsole console) : FerryCommand<FerrySettings>(console)
{
    protected override Task<int> RunAsync(FerrySettings settings, Output output, CancellationToken cancellationToken)
    {
        var version = typeof(VersionCommand).Assembly.GetName().Version?.ToString(3) ?? "0.0.0";
        output.Json(new BsonDocument { { "version", version } });
        output.Line($"ferry {version}");
        return Task.FromResult(ExitCodes.Ok);
    }
}
