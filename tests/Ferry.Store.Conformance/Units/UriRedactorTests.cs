using Ferry.Core.Storage;

namespace Ferry.Store.Conformance.Units;

/// <summary>Credentials never survive <see cref="UriRedactor"/>, whatever the URI's shape.</summary>
public sealed class UriRedactorTests
{
    [Theory]
    [InlineData("mongodb://user:secret@host:27017/db", "mongodb://user:***@host:27017/db")]
    [InlineData("mongodb+srv://user:secret@cluster0.example.net/?retryWrites=true", "mongodb+srv://user:***@cluster0.example.net/?retryWrites=true")]
    [InlineData("mongodb://user:p%40ss%3Aw0rd@h1,h2:27018/?replicaSet=rs0", "mongodb://user:***@h1,h2:27018/?replicaSet=rs0")]
    [InlineData("mongodb://user:pa:ss@host", "mongodb://user:***@host")]
    [InlineData("mongodb://onlyuser@host/db", "mongodb://onlyuser@host/db")]
    [InlineData("mongodb://user:@host", "mongodb://user:***@host")]
    [InlineData("mongodb://host/?authMechanism=MONGODB-AWS&authMechanismProperties=AWS_SESSION_TOKEN:abc", "mongodb://host/?authMechanism=MONGODB-AWS&authMechanismProperties=***")]
    [InlineData("mongodb://host/?password=x&tlsCertificateKeyFilePassword=y&w=majority", "mongodb://host/?password=***&tlsCertificateKeyFilePassword=***&w=majority")]
    [InlineData("mongodb://host/db?PASSWORD=x", "mongodb://host/db?PASSWORD=***")]
    [InlineData("file:/tmp/store", "file:/tmp/store")]
    [InlineData("mongodb://localhost", "mongodb://localhost")]
    [InlineData("", "")]
    public void Redact_hides_passwords_and_secret_options(string uri, string expected)
    {
        Assert.Equal(expected, UriRedactor.Redact(uri));
    }

    [Theory]
    [InlineData("mongodb://user:pa@ss@host/db", "mongodb://user:***@host/db")]
    [InlineData("mongodb://admin:s3cr?t@db1/app", "mongodb://admin:***@db1/app")]
    [InlineData("mongodb://admin:a/b?c#d@db1:27017,db2/app?replicaSet=r", "mongodb://admin:***@db1:27017,db2/app?replicaSet=r")]
    [InlineData("mongodb://admin:s3cr?t@db1", "mongodb://admin:***@db1")]
    [InlineData("mongodb://admin:p#w@[::1]:27017/", "mongodb://admin:***@[::1]:27017/")]
    public void Unencoded_special_characters_in_the_password_are_still_hidden(string uri, string expected)
    {
        // Drivers reject such URIs, but a user may still type one into --uri; it must not be echoed.
        Assert.Equal(expected, UriRedactor.Redact(uri));
    }

    [Fact]
    public void Redact_of_null_is_empty()
    {
        Assert.Equal(string.Empty, UriRedactor.Redact(null));
    }

    [Theory]
    [InlineData("mongodb://admin:hunter2@db.example.com:27017/?authSource=admin")]
    [InlineData("mongodb+srv://svc:hunter2@c.example.net/app?appName=x")]
    [InlineData("mongodb://svc:hunter2@a:1,b:2,c:3/?replicaSet=r&password=hunter2")]
    public void Redacted_uri_never_contains_the_password(string uri)
    {
        Assert.DoesNotContain("hunter2", UriRedactor.Redact(uri), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--uri mongodb://u:S3cr3t@/db: not a valid MongoDB URI", "--uri mongodb://u:***@/db: not a valid MongoDB URI")]
    [InlineData("--uri mongodb:/u:S3cr3t@h/db: unknown scheme", "--uri mongodb:/u:***@h/db: unknown scheme")]
    [InlineData("Unknown command 'mongodb://u:S3cr3t@h/db'.", "Unknown command 'mongodb://u:***@h/db'.")]
    [InlineData("no server at mongodb://u:S3cr3t@h;x/db", "no server at mongodb://u:***@h;x/db")]
    [InlineData("mongodb://u:S3cr3t@h x/db", "mongodb://u:***@h x/db")]
    [InlineData("mongodb://u:a@b:c/d?e#f%40g@h/db and more", "mongodb://u:***@h/db and more")]
    [InlineData("--uri=mongodb://u:S3cr3t@h", "--uri=mongodb://u:***@h")]
    [InlineData("Unknown command 'u:S3cr3t@h'.", "Unknown command 'u:***@h'.")]
    [InlineData("mongodb:u:S3cr3t@h", "mongodb:***@h")]
    [InlineData("mongodb://h/?password=S3cr3t", "mongodb://h/?password=***")]
    [InlineData("rules.yaml:3:7: expected a mapping; mail admin@example.com", "rules.yaml:3:7: expected a mapping; mail admin@example.com")]
    [InlineData("mongodb://onlyuser@host/db", "mongodb://onlyuser@host/db")]
    public void RedactText_hides_userinfo_anywhere_in_a_message(string text, string expected)
    {
        Assert.Equal(expected, UriRedactor.RedactText(text));
    }
}
