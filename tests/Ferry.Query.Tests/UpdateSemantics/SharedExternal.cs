namespace Ferry.Query.Tests.UpdateSemantics;

/// <summary>Finds <c>shared/external</c> (the project's external test material) by walking up from the test binaries;
/// it sits next to the repository both here and on CI.</summary>
internal static class SharedExternal
{
    public static string UpdateSemanticsFolder => Path.Combine(Root, "update-semantics", "documentdb-regress");

    public static string Root
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "shared", "external");
                if (Directory.Exists(candidate))
                {
                    return candidate;
                }
            }

            throw new InvalidOperationException(
                "shared/external not found above " + AppContext.BaseDirectory + ": the update-semantics cases live in <repo>/../shared/external/update-semantics");
        }
    }
}
