using System.ComponentModel;
using Ferry.Core.Configuration;
using Spectre.Console.Cli;

namespace Ferry.Cli.Infrastructure;

/// <summary>Options every verb has.</summary>
public partial class FerrySettings : CommandSettings
{
    private FerryConfig? _config;

    /// <summary>Defaults from ferry.yaml (loaded on first use; options given on the command line win).</summary>
    public FerryConfig Config => _config ??= FerryConfig.Load();

    /// <summary>Finds store options: command line, then FERRY_URI/FERRY_DB, then ferry.yaml.</summary>
    public StoreResolver Stores => StoreResolver.ForProcess(() => Config);

    [CommandOption("--json")]
    [Description("Print the result as one JSON document on standard output (no tables, no colours)")]
    public bool Json { get; init; }
}

/// <summary>Options of verbs that work on one database of a store.</summary>
public class StoreSettings : FerrySettings
{
    [CommandOption("--uri <URI>")]
    [Description("The store: file:PATH (embedded, a folder) or mongodb://… / mongodb+srv://…; default $FERRY_URI, then uri: in ferry.yaml")]
    public string? Uri { get; init; }

    [CommandOption("--db <DB>")]
    [Description("The database; default $FERRY_DB, then db: in ferry.yaml")]
    public string? Database { get; init; }

    public ResolvedSetting ResolveUri() => Stores.Require(StoreOption.Uri, Uri);

    public string ResolveDatabase() => Stores.Require(StoreOption.Database, Database).Value;
}
