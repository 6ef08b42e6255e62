using Ferry.Core.Errors;

namespace Ferry.Core.Reports;

/// <summary>The three renderings of a report.</summary>
public enum ReportFormat
{
    Json,
    Markdown,
    Html,
}

/// <summary>Format names (as <c>--format</c> takes them), file extensions and rendering.</summary>
public static class ReportFormats
{
    public const string Names = "json, md or html";

    /// <summary>The format named by <paramref name="name"/>; bad input names the option and the choices.</summary>
    public static ReportFormat Parse(string name, string option = "--format") => name.ToLowerInvariant() switch
    {
        "json" => ReportFormat.Json,
        "md" or "markdown" => ReportFormat.Markdown,
        "html" or "htm" => ReportFormat.Html,
        _ => throw new UserInputException($"{option} {name}: expected {Names}"),
    };

    /// <summary>The format a file name implies (report.html → html), or null when its extension says nothing.</summary>
    public static ReportFormat? FromPath(string path) => Path.GetExtension(path).ToLowerInvariant() switch
    {
        ".json" => ReportFormat.Json,
        ".md" or ".markdown" => ReportFormat.Markdown,
        ".html" or ".htm" => ReportFormat.Html,
        _ => null,
    };

    public static string Extension(ReportFormat format) => format switch
    {
        ReportFormat.Json => ".json",
        ReportFormat.Markdown => ".md",
        _ => ".html",
    };

    public static string Name(ReportFormat format) => format switch
    {
        ReportFormat.Json => "json",
        ReportFormat.Markdown => "md",
        _ => "html",
    };

    public static string Render(RunReport report, ReportFormat format) => format switch
    {
        ReportFormat.Json => ReportJson.Write(report),
        ReportFormat.Markdown => MarkdownReport.Render(report),
        _ => HtmlReport.Render(report),
    };
}
