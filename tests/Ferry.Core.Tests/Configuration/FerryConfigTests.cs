using Ferry.Core.Configuration;
using Ferry.Core.Errors;

namespace Ferry.Core.Tests.Configuration;

public sealed class FerryConfigTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "ferry-config-" + Guid.NewGuid().ToString("N"));

    public FerryConfigTests() => Directory.CreateDirectory(_folder);

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void Values_are_read_and_paths_are_relative_to_the_file()
    {
        var path = Path.Combine(_folder, "ferry.yaml");
        File.WriteAllText(path, "uri: mongodb://user:pw@db:27017\ndb: shop\nmigrations: db/migrations\nvalidation: rules.yaml\nbackups: /var/backups/ferry\n");

        var config = FerryConfig.Load(path);

        Assert.Equal("mongodb://user:pw@db:27017", config.Uri);
        Assert.Equal("shop", config.Database);
        Assert.Equal(Path.Combine(_folder, "db/migrations"), config.MigrationsDirectory);
        Assert.Equal(Path.Combine(_folder, "rules.yaml"), config.ValidationRules);
        Assert.Equal("/var/backups/ferry", config.BackupsDirectory);
    }

    [Fact]
    public void Report_names_a_folder_beside_the_file()
    {
        var path = Path.Combine(_folder, "ferry.yaml");
        File.WriteAllText(path, "report: reports\n");

        Assert.Equal(Path.Combine(_folder, "reports"), FerryConfig.Load(path).ReportDirectory);
    }

    [Fact]
    public void An_unknown_key_is_bad_input_with_its_place()
    {
        var path = Path.Combine(_folder, "ferry.yaml");
        File.WriteAllText(path, "uri: file:./data\ndatabase: shop\n");
        var error = Assert.Throws<UserInputException>(() => FerryConfig.Load(path));
        Assert.Equal($"{path}:2:1: unknown key 'database'; expected one of: uri, db, migrations, validation, backups, emergency, report, metrics, alerts, probes, notifications, health", error.Message);
    }

    [Theory]
    [InlineData("file:data", "BESIDE/data")]
    [InlineData("file:./data/store", "BESIDE/data/store")]
    [InlineData("file:/srv/ferry/data", "file:/srv/ferry/data")]
    [InlineData("file:///srv/ferry/data", "file:///srv/ferry/data")]
    [InlineData("mongodb://db:27017", "mongodb://db:27017")]
    public void A_relative_embedded_store_in_the_file_is_beside_the_file(string written, string expected)
    {
        var path = Path.Combine(_folder, "ferry.yaml");
        File.WriteAllText(path, $"uri: {written}\n");

        var config = FerryConfig.Load(path);

        Assert.Equal(expected.Replace("BESIDE/", "file:" + _folder + "/", StringComparison.Ordinal), config.Uri);
    }
}
