using Ferry.Cli.Infrastructure;
using MongoDB.Bson;
using Spectre.Console;

namespace Ferry.Cli.Commands;

/// <summary><c>ferry version</c> (and <c>ferry --version</c>, set up in <see cref="FerryApp"/>): the build's version and commit.</summary>
public sealed class VersionCommand(IAnsiConsole console) : FerryCommand<FerrySettings>(console)
{
    protected override Task<int> RunAsync(FerrySettings settings, Output output, CancellationToken cancellationToken)
    {
        var version = FerryVersion.Current;
        output.Json(new BsonDocument { { "version", version.Version }, { "commit", (BsonValue?)version.Commit ?? BsonNull.Value } });
        output.Line(Markup.Escape(version.Display));
        return Task.FromResult(ExitCodes.Ok);
    }
}
