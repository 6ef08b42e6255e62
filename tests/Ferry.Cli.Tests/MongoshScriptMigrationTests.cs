using Ferry.Tests;
using MongoDB.Bson;

namespace Ferry.Cli.Tests;

/// <summary>
/// The guide's migrations as it wrote them (#18): bare mongosh scripts (no module.exports) run as migrations, their
/// down parts from NAME.down.js; one without a down file is irreversible; a Python constant gets a hint.
/// </summary>
public class MongoshScriptMigrationTests
{
    private static async Task<string> CopyGuideMigrationsAsync(CliHarness cli, bool withDowns = true)
    {
        var folder = cli.PathOf("migrations");
        Directory.CreateDirectory(folder);
        foreach (var file in Directory.GetFiles(TestData.Folder("guide-mongosh"), "*.js"))
        {
            if (withDowns || !file.EndsWith(".down.js", StringComparison.Ordinal))
            {
                File.Copy(file, Path.Combine(folder, Path.GetFileName(file)));
            }
        }

        await cli.SeedAsync("app", "users", new BsonDocument { { "_id", 1 }, { "email", "a@x.io" } }, new BsonDocument { { "_id", 2 }, { "email", "b@x.io" }, { "profile", new BsonDocument("company", "Acme") } });
        await cli.SeedAsync("app", "assessments", new BsonDocument { { "_id", 10 }, { "user_id", 1 } });
        return folder;
    }

    private static async Task<BsonDocument> FindAsync(CliHarness cli, string collection, int id)
    {
        var (_, json) = await CliHarness.RunAsync("eval", "--uri", cli.StoreUri, "--db", "app", "--eval", $"EJSON.stringify(db.{collection}.findOne({{ _id: {id} }}))");
        return BsonDocument.Parse(json.Trim());
    }

    [Fact]
    public async Task The_guides_two_mongosh_scripts_migrate_up_and_down_through_the_command_line()
    {
        using var cli = new CliHarness();
        var migrations = await CopyGuideMigrationsAsync(cli);

        var (up, upJson) = await CliHarness.RunAsync("migrate", "up", "--uri", cli.StoreUri, "--db", "app", "--dir", migrations, "--no-backup", "--json");
        Assert.True(up == 0, upJson);
        Assert.Equal(new BsonArray { "001", "002" }, new BsonArray(BsonDocument.Parse(upJson)["databases"][0]["steps"].AsBsonArray.Select(s => s["version"])));
        Assert.Equal(new BsonDocument
        {
            { "_id", 2 }, { "email", "b@x.io" },
            // MongoDB 5.0+ applies an update's new fields in lexicographic order of their names.
            { "profile", new BsonDocument { { "company", "Acme" }, { "language", "en" }, { "notifications", new BsonDocument { { "email", true }, { "push", true }, { "sms", false } } }, { "timezone", "UTC" } } },
        }, await FindAsync(cli, "users", 2));
        Assert.Equal(new BsonDocument { { "_id", 10 }, { "user_id", 1 }, { "version", 1 }, { "version_history", new BsonArray() } }, await FindAsync(cli, "assessments", 10));

        var (down, downOutput) = await CliHarness.RunAsync("migrate", "down", "--version", "001", "--cascade", "--uri", cli.StoreUri, "--db", "app", "--dir", migrations, "--no-backup");
        Assert.True(down == 0, downOutput);
        Assert.Equal(new BsonDocument { { "_id", 2 }, { "email", "b@x.io" }, { "profile", new BsonDocument("company", "Acme") } }, await FindAsync(cli, "users", 2));
        Assert.Equal(new BsonDocument { { "_id", 10 }, { "user_id", 1 } }, await FindAsync(cli, "assessments", 10));
    }

    [Fact]
    public async Task A_mongosh_script_without_its_down_file_is_irreversible()
    {
        using var cli = new CliHarness();
        var migrations = await CopyGuideMigrationsAsync(cli, withDowns: false);
        Assert.Equal(0, (await CliHarness.RunAsync("migrate", "up", "--uri", cli.StoreUri, "--db", "app", "--dir", migrations, "--no-backup")).Exit);

        var (down, output) = await CliHarness.RunAsync("migrate", "down", "--version", "002", "--uri", cli.StoreUri, "--db", "app", "--dir", migrations, "--no-backup");

        Assert.Equal(2, down);
        Assert.DoesNotContain("   at ", output, StringComparison.Ordinal);
        Assert.Equal(1, (await FindAsync(cli, "assessments", 10))["version"].AsInt32);
    }

    [Fact]
    public async Task The_guides_verbatim_text_with_Pythons_True_fails_saying_how_JavaScript_spells_it()
    {
        using var cli = new CliHarness();
        var folder = cli.PathOf("migrations");
        Directory.CreateDirectory(folder);
        File.Copy(TestData.File("guide-mongosh/verbatim-001_add_user_profile_fields.txt"), Path.Combine(folder, "001_add_user_profile_fields.js"));
        await cli.SeedAsync("app", "users", new BsonDocument("_id", 1));

        var (exit, output) = await CliHarness.RunAsync("migrate", "up", "--uri", cli.StoreUri, "--db", "app", "--dir", folder, "--no-backup");

        Assert.Equal(1, exit);
        Assert.Contains("ReferenceError: True is not defined (JavaScript spells it true)", output.ReplaceLineEndings(" "), StringComparison.Ordinal);
        Assert.Equal(new BsonDocument("_id", 1), await FindAsync(cli, "users", 1));
    }

    [Fact]
    public async Task A_down_file_without_its_migration_is_bad_input()
    {
        using var cli = new CliHarness();
        var folder = cli.PathOf("migrations");
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "003_orphan.down.js"), "db.x.drop()");

        var (exit, output) = await CliHarness.RunAsync("migrate", "status", "--uri", cli.StoreUri, "--db", "app", "--dir", folder);

        Assert.Equal(2, exit);
        Assert.Contains("003_orphan.down.js: a down part without its migration (003_orphan.js)", output.ReplaceLineEndings(""), StringComparison.Ordinal);
    }
}
