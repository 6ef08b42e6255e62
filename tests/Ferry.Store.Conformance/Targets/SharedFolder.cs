namespace Ferry.Store.Conformance.Targets;

/// <summary>Finds the repository's sibling <c>shared/</c> folder (external test material) by walking up from the test binaries.</summary>
public static class SharedFolder
{
    public static string External(params string[] parts)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "external");
            if (Directory.Exists(candidate))
            {
                return Path.Combine([candidate, .. parts]);
            }
        }

        throw new DirectoryNotFoundException($"no shared/external folder above {AppContext.BaseDirectory}");
    }
}
