namespace Ferry.Tests;

/// <summary>
/// Locates the repository's test data (<c>tests/data</c>, see its README.md) by walking up from the test binaries to
/// the folder holding <c>Ferry.slnx</c>. Tests read only this copy, never a path outside the repository; a missing
/// file or folder throws with its full path so the test fails (never skips) and says what is missing.
/// Compiled into every test project (tests/Directory.Build.props links this file).
/// </summary>
internal static class TestData
{
    private static readonly Lazy<string> DataRoot = new(FindDataRoot);

    /// <summary>The <c>tests/data</c> folder.</summary>
    public static string Root => DataRoot.Value;

    /// <summary>An existing folder under <c>tests/data</c>, e.g. <c>Folder("bson-corpus")</c>.</summary>
    public static string Folder(params string[] parts)
    {
        var path = Path.Combine([Root, .. parts]);
        return Directory.Exists(path) ? path : throw new DirectoryNotFoundException("test data folder missing: " + path);
    }

    /// <summary>An existing file under <c>tests/data</c>; <paramref name="relative"/> uses '/' separators.</summary>
    public static string File(string relative)
    {
        var path = Path.Combine(Root, relative.Replace('/', Path.DirectorySeparatorChar));
        return System.IO.File.Exists(path) ? path : throw new FileNotFoundException("test data file missing: " + path, path);
    }

    private static string FindDataRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (System.IO.File.Exists(Path.Combine(dir.FullName, "Ferry.slnx")))
            {
                var data = Path.Combine(dir.FullName, "tests", "data");
                return Directory.Exists(data) ? data : throw new DirectoryNotFoundException("test data folder missing: " + data);
            }
        }

        throw new DirectoryNotFoundException("no folder holding Ferry.slnx above " + AppContext.BaseDirectory + ", so tests/data cannot be found");
    }
}
