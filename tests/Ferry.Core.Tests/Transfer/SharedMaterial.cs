namespace Ferry.Core.Tests.Transfer;

/// <summary>Finds the project's sibling <c>shared/</c> folder (external test material) by walking up from the test binaries.</summary>
internal static class SharedMaterial
{
    public static string? Find(string relative)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", relative);
            if (Directory.Exists(candidate) || File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }
}
