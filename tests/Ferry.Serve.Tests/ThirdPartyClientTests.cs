using System.Diagnostics;

namespace Ferry.Serve.Tests;

/// <summary>
/// Real third-party clients against the server: pymongo (Debian python3-pymongo, for /usr/bin/python3) and the
/// Node.js driver (npm mongodb in Clients/node, installed by .ci/install-deps) each run Clients/*'s CRUD +
/// aggregation script. Skipped with the reason only when the client is not installed.
/// </summary>
public sealed class ThirdPartyClientTests : IAsyncLifetime
{
    /// <summary>Both scripts end with the same groups (c2 lost _id 299; c0's totals got +1000 each).</summary>
    private const string ExpectedGroupsPython = "[{\"_id\": \"c0\", \"n\": 100, \"sum\": 114850}, {\"_id\": \"c1\", \"n\": 100, \"sum\": 14950}, {\"_id\": \"c2\", \"n\": 99, \"sum\": 14751}]";

    private const string ExpectedGroupsNode = "[{\"_id\":\"c0\",\"n\":100,\"sum\":114850},{\"_id\":\"c1\",\"n\":100,\"sum\":14950},{\"_id\":\"c2\",\"n\":99,\"sum\":14751}]";

    private static readonly string Clients = Path.Combine(Directory.GetParent(TestData.Root)!.FullName, "Ferry.Serve.Tests", "Clients");

    private ServedStore _served = null!;

    public async Task InitializeAsync() => _served = await ServedStore.StartAsync();

    public async Task DisposeAsync() => await _served.DisposeAsync();

    [SkippableFact]
    public async Task Pymongo_runs_crud_and_aggregation()
    {
        const string python = "/usr/bin/python3";
        Skip.IfNot(File.Exists(python) && (await RunAsync(python, "-c", "import pymongo")).Exit == 0, "pymongo is not installed for /usr/bin/python3 (apt-get install python3-pymongo; .ci/install-deps does)");

        var (exit, output) = await RunAsync(python, Path.Combine(Clients, "pymongo_crud.py"), _served.Server.ConnectionString);

        Assert.True(exit == 0, output);
        Assert.Equal(ExpectedGroupsPython, LastLine(output));
    }

    [SkippableFact]
    public async Task Node_driver_runs_crud_and_aggregation()
    {
        var node = Path.Combine(Clients, "node");
        Skip.IfNot(Directory.Exists(Path.Combine(node, "node_modules", "mongodb")), "the Node.js driver is not installed in " + node + " (npm install there; .ci/install-deps does)");

        var (exit, output) = await RunAsync("node", Path.Combine(node, "crud.js"), _served.Server.ConnectionString);

        Assert.True(exit == 0, output);
        Assert.Equal(ExpectedGroupsNode, LastLine(output));
    }

    private static string LastLine(string output) => output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)[^1];

    private static async Task<(int Exit, string Output)> RunAsync(string program, params string[] args)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{program} {string.Join(' ', args)} did not finish in 2 minutes");
        }

        return (process.ExitCode, await stdout + await stderr);
    }
}
