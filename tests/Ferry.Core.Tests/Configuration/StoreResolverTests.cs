using Ferry.Core.Configuration;
using Ferry.Core.Errors;
using Ferry.Core.Storage;
using Ferry.Store.Embedded;

namespace Ferry.Core.Tests.Configuration;

/// <summary>The one precedence every verb uses for its store: command line, then environment, then ferry.yaml, then default.</summary>
public class StoreResolverTests
{
    private static readonly FerryConfig File = new() { Uri = "file:/from/yaml", Database = "yaml_db", Source = "/work/app/ferry.yaml" };

    private static StoreResolver Resolver(FerryConfig config, params (string Name, string Value)[] environment) =>
        new(() => config, name => environment.FirstOrDefault(e => e.Name == name).Value);

    [Theory]
    [InlineData("file:/from/cli", "file:/from/env", "file:/from/cli", SettingSource.CommandLine, "--uri")]
    [InlineData(null, "file:/from/env", "file:/from/env", SettingSource.Environment, "FERRY_URI")]
    [InlineData(null, null, "file:/from/yaml", SettingSource.ConfigFile, "uri: in /work/app/ferry.yaml")]
    [InlineData(null, "", "file:/from/yaml", SettingSource.ConfigFile, "uri: in /work/app/ferry.yaml")]
    [InlineData(null, "  ", "file:/from/yaml", SettingSource.ConfigFile, "uri: in /work/app/ferry.yaml")]
    public void The_store_comes_from_the_command_line_then_FERRY_URI_then_ferry_yaml(string? commandLine, string? environment, string expected, SettingSource source, string origin)
    {
        var resolver = Resolver(File, environment is null ? [] : [("FERRY_URI", environment)]);

        var uri = resolver.Require(StoreOption.Uri, commandLine);

        Assert.Equal(new ResolvedSetting(expected, source, origin), uri);
    }

    [Theory]
    [InlineData("cli_db", "env_db", "cli_db", SettingSource.CommandLine, "--db")]
    [InlineData(null, "env_db", "env_db", SettingSource.Environment, "FERRY_DB")]
    [InlineData(null, null, "yaml_db", SettingSource.ConfigFile, "db: in /work/app/ferry.yaml")]
    public void The_database_comes_from_the_command_line_then_FERRY_DB_then_ferry_yaml(string? commandLine, string? environment, string expected, SettingSource source, string origin)
    {
        var resolver = Resolver(File, environment is null ? [] : [("FERRY_DB", environment)]);

        Assert.Equal(new ResolvedSetting(expected, source, origin), resolver.Require(StoreOption.Database, commandLine));
    }

    [Fact]
    public void The_default_comes_last_and_only_when_nothing_else_gives_a_value()
    {
        Assert.Equal(new ResolvedSetting("all", SettingSource.Default, "default"), Resolver(FerryConfig.Empty).Find(StoreOption.Database, null, "all"));
        Assert.Equal("yaml_db", Resolver(File).Find(StoreOption.Database, null, "all")?.Value);
        Assert.Null(Resolver(FerryConfig.Empty).Find(StoreOption.Database, null));
    }

    [Fact]
    public void Without_any_source_the_error_names_every_place_the_store_can_be_given()
    {
        var error = Assert.Throws<UserInputException>(() => Resolver(FerryConfig.Empty).Require(StoreOption.Uri, null));
        Assert.Equal("--uri: no store given; pass --uri file:PATH or mongodb://HOST, set FERRY_URI, or write uri: in ferry.yaml", error.Message);

        var named = Assert.Throws<UserInputException>(() => Resolver(FerryConfig.Empty).Require(StoreOption.Uri.Named("--source-uri"), null));
        Assert.Equal("--source-uri: no store given; pass --source-uri file:PATH or mongodb://HOST, set FERRY_URI, or write uri: in ferry.yaml", named.Message);

        var db = Assert.Throws<UserInputException>(() => Resolver(FerryConfig.Empty).Require(StoreOption.Database, null));
        Assert.Equal("--db: the database name is required; pass --db NAME, set FERRY_DB, or write db: in ferry.yaml", db.Message);
    }

    [Fact]
    public void An_empty_command_line_value_is_bad_input_not_a_fall_through_to_another_store()
    {
        var error = Assert.Throws<UserInputException>(() => Resolver(File, ("FERRY_URI", "file:/from/env")).Require(StoreOption.Uri, ""));
        Assert.Equal("--uri: the value is empty; expected file:PATH or mongodb://HOST", error.Message);
    }

    [Fact]
    public void Ferry_yaml_is_not_read_when_an_earlier_source_gives_the_value()
    {
        var resolver = new StoreResolver(() => throw new UserInputException("ferry.yaml:1:1: broken"), name => name == "FERRY_DB" ? "env_db" : null);

        Assert.Equal("file:/x", resolver.Require(StoreOption.Uri, "file:/x").Value);
        Assert.Equal("env_db", resolver.Require(StoreOption.Database, null).Value);
        Assert.Throws<UserInputException>(() => resolver.Require(StoreOption.Uri, null));
    }

    [Fact]
    public void A_resolved_uri_shows_its_origin_with_credentials_hidden()
    {
        var uri = Resolver(File, ("FERRY_URI", "mongodb://admin:s3cret@db1:27017/?authSource=admin")).Require(StoreOption.Uri, null);

        Assert.Equal("FERRY_URI = mongodb://admin:***@db1:27017/?authSource=admin", uri.ToString());
        Assert.DoesNotContain("s3cret", uri.Redacted, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_store_that_cannot_be_opened_is_reported_with_where_its_uri_came_from()
    {
        var file = Path.GetTempFileName();
        try
        {
            var registry = new StoreRegistry([new EmbeddedStoreProvider()]);
            var fromFile = new ResolvedSetting("file:" + file, SettingSource.ConfigFile, "uri: in /work/app/ferry.yaml");
            var fromCommandLine = ResolvedSetting.FromCommandLine("--uri", "file:" + file);

            var annotated = await Assert.ThrowsAsync<UserInputException>(() => registry.OpenAsync(fromFile));
            var plain = await Assert.ThrowsAsync<UserInputException>(() => registry.OpenAsync(fromCommandLine));

            Assert.Equal($"--uri file:{file}: {file} is a file; the embedded store needs a folder (file:PATH, one .ferrydb file per database inside it)", plain.Message);
            Assert.Equal(plain.Message + " (the store came from uri: in /work/app/ferry.yaml)", annotated.Message);
        }
        finally
        {
            System.IO.File.Delete(file);
        }
    }
}
