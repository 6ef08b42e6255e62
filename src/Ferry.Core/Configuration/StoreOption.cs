namespace Ferry.Core.Configuration;

/// <summary>
/// One store option and the names it goes by in each source: the command-line option, the environment variable and
/// the <c>ferry.yaml</c> key. <see cref="StoreResolver"/> looks them up in that order.
/// </summary>
/// <param name="Option">The command-line option, e.g. <c>--uri</c> (or <c>--source-uri</c> for a transform).</param>
/// <param name="EnvironmentVariable">The environment variable, e.g. <c>FERRY_URI</c>.</param>
/// <param name="ConfigKey">The <c>ferry.yaml</c> key, e.g. <c>uri</c>.</param>
/// <param name="ValueIn">Reads that key's value from a loaded <see cref="FerryConfig"/>.</param>
/// <param name="Missing">What the error says is missing, e.g. "no store given".</param>
/// <param name="Example">A value to show in that error, e.g. "file:PATH or mongodb://HOST".</param>
public sealed record StoreOption(string Option, string EnvironmentVariable, string ConfigKey, Func<FerryConfig, string?> ValueIn, string Missing, string Example)
{
    /// <summary>The store: <c>--uri</c>, <c>FERRY_URI</c>, <c>uri:</c>.</summary>
    public static readonly StoreOption Uri = new("--uri", "FERRY_URI", "uri", c => c.Uri, "no store given", "file:PATH or mongodb://HOST");

    /// <summary>The database: <c>--db</c>, <c>FERRY_DB</c>, <c>db:</c>.</summary>
    public static readonly StoreOption Database = new("--db", "FERRY_DB", "db", c => c.Database, "the database name is required", "NAME");

    /// <summary>The same lookup under another command-line name (e.g. <c>--source-uri</c>).</summary>
    public StoreOption Named(string option) => this with { Option = option };
}
