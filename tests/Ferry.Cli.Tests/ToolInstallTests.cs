using System.Diagnostics;
using Ferry.Cli.Infrastructure;

namespace Ferry.Cli.Tests;

/// <summary>
/// The installable tool, end to end: <c>dotnet pack</c> the CLI, <c>dotnet tool install --tool-path</c> it from that
/// folder alone, and run the installed <c>ferry</c> from a folder far from the source tree — the demo must find its
/// generator, rules and migrations inside the package. Slow (a Release build), so it is the one test that packs.
/// </summary>
public class ToolInstallTests
{
    private static readonly TimeSpan StepTimeout = TimeSpan.FromMinutes(10);

    [Fact]
    public async Task The_packed_tool_installs_into_a_tool_path_and_runs_version_and_demo_without_the_source_tree()
    {
        var temp = Path.Combine(Path.GetTempPath(), "ferry-tool-" + Guid.NewGuid().ToString("N")[..12]);
        try
        {
            var packages = Directory.CreateDirectory(Path.Combine(temp, "packages")).FullName;
            var tools = Path.Combine(temp, "tools");
            var work = Directory.CreateDirectory(Path.Combine(temp, "work")).FullName;

            // Build outputs go to the temp folder too (--artifacts-path), so the test leaves the tree as it found it.
            // No build servers: a lingering MSBuild node or compiler server would inherit the redirected output and
            // keep it open, so the wait for the pack to finish would never end.
            await RunAsync("dotnet", temp, "pack", Path.Combine(RepositoryRoot(), "src", "Ferry.Cli", "Ferry.Cli.csproj"),
                "-c", "Release", "--artifacts-path", Path.Combine(temp, "artifacts"), "-o", packages, "-nologo", "--disable-build-servers");
            Assert.Single(Directory.GetFiles(packages, "ferry.*.nupkg"));

            // Only the packed folder as a source: the install must not depend on any feed or on the source tree.
            var config = Path.Combine(temp, "nuget.config");
            await File.WriteAllTextAsync(config, $"""
                <?xml version="1.0" encoding="utf-8"?>
                <configuration>
                  <packageSources>
                    <clear />
                    <add key="packed" value="{packages}" />
                  </packageSources>
                </configuration>
                """);
            await RunAsync("dotnet", work, "tool", "install", "ferry", "--tool-path", tools, "--configfile", config);
            var ferry = Path.Combine(tools, OperatingSystem.IsWindows() ? "ferry.exe" : "ferry");

            var version = await RunAsync(ferry, work, "--version");
            Assert.StartsWith($"ferry {FerryVersion.Current.Version}", version);
            Assert.Equal(version.Trim(), (await RunAsync(ferry, work, "version")).Trim());

            var demo = await RunAsync(ferry, work, "demo", "--size", "50", "--json");
            var result = MongoDB.Bson.BsonDocument.Parse(demo);
            Assert.Equal(50, result["summary"]["documents"]["users"].ToInt64());
            foreach (var copied in new[] { "validation.yaml", "validation-prod.yaml", "demo-to-prod.yaml", "migrations/001_add_user_profile_fields.js", "migrations/002_add_assessment_versioning.js", "planted.json" })
            {
                Assert.True(File.Exists(Path.Combine(work, "ferry-demo", copied)), $"the installed demo did not write ferry-demo/{copied}");
            }
        }
        finally
        {
            try
            {
                Directory.Delete(temp, recursive: true);
            }
            catch (IOException)
            {
                // A file still held open is left for the OS temp cleaner; the outcome does not depend on it.
            }
        }
    }

    /// <summary>Runs a program to completion; a non-zero exit fails the test with its output. Returns stdout.</summary>
    private static async Task<string> RunAsync(string program, string workingDirectory, params string[] args)
    {
        var start = new ProcessStartInfo(program) { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }

        // A child dotnet must find its own SDK, not one an enclosing MSBuild (dotnet test) pointed its environment at.
        foreach (var variable in new[] { "MSBuildSDKsPath", "MSBuildExtensionsPath", "MSBUILD_EXE_PATH" })
        {
            start.Environment.Remove(variable);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(StepTimeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{program} {string.Join(' ', args)} did not finish in {StepTimeout}");
        }

        var output = await stdout;
        Assert.True(process.ExitCode == 0, $"{program} {string.Join(' ', args)} exited {process.ExitCode}:\n{await stderr}\n{output}");
        return output;
    }

    private static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Ferry.slnx")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("Ferry.slnx not found above " + AppContext.BaseDirectory);
    }
}
