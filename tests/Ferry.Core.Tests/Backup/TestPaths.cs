namespace Ferry.Core.Tests.Backup;

/// <summary>Paths into the repository's copy of real mongodump output and the BSON corpus (tests/data, see <see cref="TestData"/>).</summary>
internal static class TestPaths
{
    public static string MongodumpSamples => TestData.Folder("mongodump-samples");

    public static string BsonCorpus => TestData.Folder("bson-corpus");

    /// <summary>A file or folder under tests/data/mongodump-samples; missing is an error naming the path.</summary>
    public static string Sample(string relative)
    {
        var path = Path.Combine(MongodumpSamples, relative.Replace('/', Path.DirectorySeparatorChar));
        return File.Exists(path) || Directory.Exists(path) ? path : throw new FileNotFoundException("test data missing: " + path, path);
    }

    public static string MongoTools(string relative) => Sample("mongo-tools/" + relative);
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
