namespace Ferry.Core.Reports;

/// <summary>
/// The JSON text of a report (docs/report.schema.json), written by <see cref="Json.RelaxedJson"/>: doubles print as
/// the shortest text that round-trips, and the report rounds its rates, so 15.2 prints as 15.2.
/// </summary>
public static class ReportJson
{
    public static string Write(RunReport report) => Json.RelaxedJson.Write(report.ToBson());
}
