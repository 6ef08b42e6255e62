namespace Ferry.Cli.Commands.Report;

/// <summary>
/// The <c>--report DIR</c> option of the data-changing verbs: write the run's report (JSON, Markdown, HTML) to DIR
/// when it ends; <c>report:</c> in ferry.yaml sets it for every run. Each settings class declares the property with
/// <see cref="Option"/> and <see cref="Description"/>.
/// </summary>
public interface IReportSettings
{
    const string Option = "--report <DIR>";
    const string Description = "When the run ends, write its report to DIR as RUN.json, RUN.md and RUN.html (default: report: in ferry.yaml)";

    string? Report { get; }
}
