using Ferry.Core.Backup.Formats;

namespace Ferry.Core.Tests.Backup;

public sealed class CollectionFileNamesTests
{
    [Theory]
    [InlineData("cafés", "caf%C3%A9s")]
    [InlineData("a/b", "a%2Fb")]
    [InlineData("with space", "with%20space")]
    [InlineData("system.buckets.foo_ts", "system.buckets.foo_ts")]
    [InlineData("a$b:c@d=e+f&g~h", "a$b:c@d=e+f&g~h")]
    [InlineData("q?r;s,t", "q%3Fr%3Bs%2Ct")]
    public void Names_are_path_escaped_like_mongodump(string name, string expected)
    {
        Assert.Equal(expected, CollectionFileNames.Escape(name));
        Assert.Equal(name, CollectionFileNames.Unescape(expected, "test"));
    }

    [Fact]
    public void Long_names_become_208_bytes_plus_escaped_dollar_and_sha1()
    {
        var name = new string('x', 300);
        var escaped = CollectionFileNames.Escape(name);
        Assert.Equal(238, escaped.Length);
        Assert.Equal(new string('x', 208) + "%24", escaped[..211]);
        Assert.True(CollectionFileNames.IsTruncated(escaped));
        Assert.DoesNotContain('=', escaped);
        Assert.NotEqual(escaped, CollectionFileNames.Escape(new string('x', 299) + "y"));
    }

    [Fact]
    public void A_name_of_exactly_238_escaped_bytes_is_kept()
    {
        var name = new string('y', 238);
        Assert.Equal(name, CollectionFileNames.Escape(name));
    }

    [Fact]
    public void Malformed_escapes_are_rejected()
    {
        var error = Assert.Throws<BackupFormatException>(() => CollectionFileNames.Unescape("bad%zz", "db/bad%zz.bson"));
        Assert.Contains("malformed %-escape", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("..", "c")]
    [InlineData("a/b", "c")]
    [InlineData("db", "../etc")]
    [InlineData("db", "a/../b")]
    [InlineData("db", "nul\0")]
    [InlineData("", "c")]
    public void Path_escaping_namespaces_are_rejected(string database, string collection)
    {
        Assert.Throws<BackupFormatException>(() => NamespaceGuard.Check(database, collection, "archive", 42));
    }
}
