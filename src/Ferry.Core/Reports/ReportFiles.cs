namespace Ferry.Core.Reports;

/// <summary>
/// Writes reports to files: one rendering to a path, or all three beside each other in a folder (what
/// <c>--report DIR</c> and <c>report:</c> in ferry.yaml do at the end of a run). A file is written under a temporary
/// name and moved into place, so a reader never sees half a report.
/// </summary>
public static class ReportFiles
{
    public static async Task WriteAsync(string path, string content, CancellationToken cancellationToken = default)
    {
        var full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        var temp = full + $".{Guid.NewGuid():N}.tmp";
        await File.WriteAllTextAsync(temp, content, cancellationToken).ConfigureAwait(false);
        File.Move(temp, full, overwrite: true);
    }

    /// <summary>Writes <c>RUN.json</c>, <c>RUN.md</c> and <c>RUN.html</c> in <paramref name="directory"/>; returns their paths.</summary>
    public static async Task<IReadOnlyList<string>> WriteAllAsync(RunReport report, string directory, CancellationToken cancellationToken = default)
    {
        var paths = new List<string>();
        foreach (var format in new[] { ReportFormat.Json, ReportFormat.Markdown, ReportFormat.Html })
        {
            var path = Path.GetFullPath(Path.Combine(directory, report.MigrationId + ReportFormats.Extension(format)));
            await WriteAsync(path, ReportFormats.Render(report, format), cancellationToken).ConfigureAwait(false);
            paths.Add(path);
        }

        return paths;
    }
}
