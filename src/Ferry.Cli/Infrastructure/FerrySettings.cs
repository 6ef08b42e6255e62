using System.ComponentModel;
using Spectre.Console.Cli;

namespace Ferry.Cli.Infrastructure;

/// <summary>Options every verb has.</summary>
public class FerrySettings : CommandSettings
{
    private Core.Configuration.FerryConfig? _config;

    /// <summary>Defaults from ferry.yaml (loaded on first use; options given on the command line win).</summary>
    public Core.Configuration.FerryConfig Config => _config ??= Core.Configuration.FerryConfig.Load();

    [CommandOption("--json")]
    [Description("Print the result as one JSON document on standard output (no tables, no colours)")]
    public bool Json { get; init; }
}

/// <summary>Options of verbs that work on one database of a store.</summary>
public class StoreSettings : FerrySettings
{
    [CommandOption("--uri <URI>")]
    [Description("The store: file:PATH (embedded, a folder) or mongodb://… / mongodb+srv://…; default $FERRY_URI")]
    public string? Uri { get; init; }

    [CommandOption("--db <DB>")]
    [Description("The database")]
    public string? Database { get; init; }

    public string ResolveUri() =>
        Uri ?? Environment.GetEnvironmentVariable("FERRY_URI") ?? Config.Uri
        ?? throw new Core.Errors.UserInputException("--uri: no store given; pass --uri file:PATH or mongodb://HOST, set FERRY_URI, or write uri: in ferry.yaml");

    public string ResolveDatabase() =>
        Database ?? Config.Database ?? throw new Core.Errors.UserInputException("--db: the database name is required (or db: in ferry.yaml)");
}
