namespace Ferry.Core.Tests.Backup;

/// <summary>Finds the repository's sibling <c>shared/external</c> folder by walking up from the test binaries.</summary>
internal static class TestPaths
{
    public static string? External { get; } = FindExternal();

    public static string MongodumpSamples => Path.Combine(External ?? throw new InvalidOperationException("shared/external not found"), "mongodump-samples");

    public static string BsonCorpus => Path.Combine(External ?? throw new InvalidOperationException("shared/external not found"), "bson-corpus");

    public static string Sample(string relative) => Path.Combine(MongodumpSamples, relative.Replace('/', Path.DirectorySeparatorChar));

    public static string MongoTools(string relative) => Sample("mongo-tools/" + relative);

    private static string? FindExternal()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "external");
            if (Directory.Exists(Path.Combine(candidate, "mongodump-samples")))
            {
                return candidate;
            }
        }

        return null;
    }
}

/// <summary>A temporary folder deleted after the test.</summary>
internal sealed class TempFolder : IDisposable
{
    public TempFolder()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "ferry-backup-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string Combine(params string[] parts) => System.IO.Path.Combine([Path, .. parts]);

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // best effort: a leftover temp folder does not affect the result
        }
    }
}
