using Ferry.Core.Errors;
using Ferry.Core.Migrations;

namespace Ferry.Core.Tests.Migrations;

public class MigrationNamingTests
{
    [Fact]
    public void Versions_order_by_number_not_by_text()
    {
        string[] texts = ["010", "2", "001", "20240315093000"];
        var versions = texts.Select(MigrationVersion.Parse).Order().Select(v => v.Text);
        Assert.Equal(["001", "2", "010", "20240315093000"], versions);
    }

    [Fact]
    public void Two_spellings_of_one_number_are_the_same_version()
    {
        Assert.Equal(MigrationVersion.Parse("1"), MigrationVersion.Parse("001"));
        Assert.NotEqual(MigrationVersion.Parse("1"), MigrationVersion.Parse("10"));
    }

    [Fact]
    public void A_version_must_be_digits()
    {
        var error = Assert.Throws<UserInputException>(() => MigrationVersion.Parse("v1"));
        Assert.Contains("expected digits", error.Message);
    }

    [Theory]
    [InlineData("001_add_user_profile_fields.js", "001", "add user profile fields")]
    [InlineData("20240315093000-add-indexes.js", "20240315093000", "add indexes")]
    [InlineData("7_x.js", "7", "x")]
    public void Migration_file_names_give_version_and_description(string fileName, string version, string description)
    {
        Assert.True(MigrationFileName.TryParse(fileName, out var v, out var d));
        Assert.Equal(version, v.Text);
        Assert.Equal(description, d);
    }

    [Theory]
    [InlineData("add_fields.js")]
    [InlineData("001.js")]
    [InlineData("001_add.ts")]
    [InlineData("abc_001.js")]
    public void Other_names_are_not_migration_files(string fileName) =>
        Assert.False(MigrationFileName.TryParse(fileName, out _, out _));

    [Fact]
    public void Checksum_is_sha256_of_the_normalised_text()
    {
        // sha256("abc")
        Assert.Equal("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", MigrationChecksum.Compute("abc"));
    }

    [Fact]
    public void Line_endings_and_trailing_whitespace_do_not_change_the_checksum()
    {
        var unix = MigrationChecksum.Compute("line one\nline two\n");
        Assert.Equal(unix, MigrationChecksum.Compute("line one\r\nline two\r\n"));
        Assert.Equal(unix, MigrationChecksum.Compute("line one   \nline two\t\n\n\n"));
    }

    [Fact]
    public void Any_other_edit_changes_the_checksum()
    {
        Assert.NotEqual(MigrationChecksum.Compute("db.a.updateMany({}, {$set: {x: 1}})"), MigrationChecksum.Compute("db.a.updateMany({}, {$set: {x: 2}})"));
        Assert.NotEqual(MigrationChecksum.Compute("  indented"), MigrationChecksum.Compute("indented"));
    }
}
