using System.ComponentModel;
using Spectre.Console.Cli;

namespace Ferry.Cli.Infrastructure;

/// <summary>Options every verb has.</summary>
public class FerrySettings : CommandSettings
{
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
        Uri ?? Environment.GetEnvironmentVariable("FERRY_URI")
        ?? throw new Core.Errors.UserInputException("--uri: no store given; pass --uri file:PATH or mongodb://HOST, or set FERRY_URI");

    public string ResolveDatabase() =>
        Database ?? throw new Core.Errors.UserInputException("--db: the database name is required");
}
