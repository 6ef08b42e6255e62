using Ferry.Core.Errors;
using Ferry.Core.Migrations;

namespace Ferry.Core.Tests.Migrations;

public sealed class ScriptMigrationSourceTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "ferry-migration-source-tests", Guid.NewGuid().ToString("N"));

    public ScriptMigrationSourceTests() => Directory.CreateDirectory(_folder);

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private void Write(string name, string text = "up down") => File.WriteAllText(Path.Combine(_folder, name), text);

    private IReadOnlyList<Migration> Load() => new ScriptMigrationSource(_folder, new FakeScriptRunner()).Load();

    [Fact]
    public void Migrations_are_discovered_in_version_order_with_checksums()
    {
        Write("010_ten.js");
        Write("002_two.js", "up only");
        Write("001_one.js");
        Write("_helper.js");
        Write("notes.txt");
        var migrations = Load();
        Assert.Equal(["001", "002", "010"], migrations.Select(m => m.Version.Text));
        Assert.Equal(["one", "two", "ten"], migrations.Select(m => m.Description));
        Assert.Equal([true, false, true], migrations.Select(m => m.HasDown));
        Assert.Equal(MigrationChecksum.Compute("up down"), migrations[0].Checksum);
    }

    [Fact]
    public void A_duplicate_version_is_an_error_naming_both_files()
    {
        Write("001_one.js");
        Write("1_also_one.js");
        var error = Assert.Throws<UserInputException>(Load);
        Assert.Contains("duplicate migration version", error.Message);
        Assert.Contains("001_one.js", error.Message);
        Assert.Contains("1_also_one.js", error.Message);
    }

    [Fact]
    public void A_misnamed_script_is_an_error_not_silently_skipped()
    {
        Write("add_fields.js");
        var error = Assert.Throws<UserInputException>(Load);
        Assert.Contains("add_fields.js", error.Message);
        Assert.Contains("NNN_name.js", error.Message);
    }

    [Fact]
    public void A_syntax_error_in_any_script_stops_loading()
    {
        Write("001_one.js");
        Write("002_bad.js", "SYNTAX-ERROR");
        var error = Assert.Throws<UserInputException>(Load);
        Assert.StartsWith("002_bad.js:1:1", error.Message);
    }

    [Fact]
    public void A_missing_folder_is_bad_input()
    {
        var error = Assert.Throws<UserInputException>(() => new ScriptMigrationSource(Path.Combine(_folder, "nope"), new FakeScriptRunner()).Load());
        Assert.Contains("migrations folder not found", error.Message);
    }

    [Fact]
    public void Create_writes_the_next_sequence_number_with_the_same_padding()
    {
        Write("001_one.js");
        Write("002_two.js");
        var path = MigrationScaffolder.Create(_folder, "Add Assessment Index!", TimeProvider.System).Path;
        Assert.Equal("003_add_assessment_index.js", Path.GetFileName(path));
        Assert.Contains("module.exports", File.ReadAllText(path));
    }

    [Fact]
    public void Create_uses_a_timestamp_when_the_folder_does()
    {
        Write("20240101000000-first.js");
        var time = new FixedTime(new DateTimeOffset(2025, 6, 7, 8, 9, 10, TimeSpan.Zero));
        var path = MigrationScaffolder.Create(_folder, "second", time).Path;
        Assert.Equal("20250607080910-second.js", Path.GetFileName(path));
    }

    private sealed class FixedTime(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
