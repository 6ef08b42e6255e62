using Ferry.Core.Runs;
using Ferry.Core.Tests.Support;
using PublicApiGenerator;

namespace Ferry.Core.Tests.PublicApi;

/// <summary>
/// Ferry.Core's public API, rendered by PublicApiGenerator (sorted, one signature a line), must equal the checked-in
/// PublicApi/Ferry.Core.txt, so every change to the library's surface shows in review as a diff of that file.
/// After an intended change, regenerate the file and commit it with the change:
///   FERRY_UPDATE_API_SNAPSHOT=1 dotnet test tests/Ferry.Core.Tests --filter "FullyQualifiedName~PublicApiSnapshotTests"
/// </summary>
public class PublicApiSnapshotTests
{
    private const string UpdateVariable = "FERRY_UPDATE_API_SNAPSHOT";

    // The async-iterator attribute names a compiler-generated class whose number shifts when any method is added.
    private static readonly ApiGeneratorOptions Options = new()
    {
        IncludeAssemblyAttributes = false,
        ExcludeAttributes = ["System.Runtime.CompilerServices.AsyncIteratorStateMachineAttribute"],
    };

    private static string SnapshotPath =>
        Path.Combine(Path.GetDirectoryName(SeededDemo.RepositoryFile("Ferry.slnx"))!, "tests", "Ferry.Core.Tests", "PublicApi", "Ferry.Core.txt");

    [Fact]
    public void The_public_api_of_Ferry_Core_matches_the_checked_in_snapshot()
    {
        var actual = Normalize(typeof(RunJournal).Assembly.GeneratePublicApi(Options));

        if (Environment.GetEnvironmentVariable(UpdateVariable) == "1")
        {
            File.WriteAllText(SnapshotPath, actual);
            return;
        }

        var expected = File.Exists(SnapshotPath) ? Normalize(File.ReadAllText(SnapshotPath)) : string.Empty;
        if (expected == actual)
        {
            return;
        }

        var expectedLines = expected.Split('\n').ToHashSet(StringComparer.Ordinal);
        var actualLines = actual.Split('\n').ToHashSet(StringComparer.Ordinal);
        var removed = expected.Split('\n').Where(l => !actualLines.Contains(l)).Take(20).Select(l => "- " + l);
        var added = actual.Split('\n').Where(l => !expectedLines.Contains(l)).Take(20).Select(l => "+ " + l);
        Assert.Fail(
            $"Ferry.Core's public API differs from {SnapshotPath} (first 20 lines each way):\n{string.Join('\n', removed.Concat(added))}\n" +
            $"If the change is intended, regenerate the snapshot and commit it: {UpdateVariable}=1 dotnet test tests/Ferry.Core.Tests --filter \"FullyQualifiedName~PublicApiSnapshotTests\"");
    }

    private static string Normalize(string text) => text.ReplaceLineEndings("\n").TrimEnd() + "\n";
}
