using Ferry.Serve.Authentication;
using MongoDB.Bson;
using MongoDB.Driver;

namespace Ferry.Serve.Tests;

/// <summary>--auth: SCRAM-SHA-256 against hashed users, through the official driver.</summary>
public sealed class AuthenticationTests : IAsyncLifetime
{
    private ServedStore _served = null!;

    public async Task InitializeAsync()
    {
        var users = new UserStore([ScramCredential.Create("app", "s3cret pass", iterations: 4096)]);
        _served = await ServedStore.StartAsync(o => o with { Users = users });
    }

    public async Task DisposeAsync() => await _served.DisposeAsync();

    [Fact]
    public async Task The_right_password_authenticates_and_can_write()
    {
        using var client = Client("app", "s3cret pass");
        var items = client.GetDatabase("app").GetCollection<BsonDocument>("items");

        await items.InsertOneAsync(new BsonDocument("_id", 1));

        Assert.Equal(1, await items.CountDocumentsAsync(FilterDefinition<BsonDocument>.Empty));
    }

    [Fact]
    public async Task A_wrong_password_fails_authentication()
    {
        using var client = Client("app", "wrong");

        var error = await Assert.ThrowsAnyAsync<Exception>(() => client.GetDatabase("app").RunCommandAsync<BsonDocument>(new BsonDocument("ping", 1)));

        Assert.Contains("Authentication failed", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_credentials_commands_other_than_the_handshake_are_Unauthorized_13()
    {
        var ping = await _served.Database().RunCommandAsync<BsonDocument>(new BsonDocument("ping", 1));
        var error = await Assert.ThrowsAsync<MongoCommandException>(() => _served.Database().RunCommandAsync<BsonDocument>(new BsonDocument("listCollections", 1)));

        Assert.Equal(1.0, ping["ok"].ToDouble());
        Assert.Equal(13, error.Code);
    }

    [Fact]
    public void A_users_file_entry_round_trips_without_the_password()
    {
        var path = Path.Combine(_served.Folder, "users.json");
        var entry = UserStore.ToJson(ScramCredential.Create("ops", "pw", iterations: 4096));
        File.WriteAllText(path, "{ \"users\": [" + entry + "] }");

        var loaded = UserStore.Load(path).Find("ops");

        Assert.NotNull(loaded);
        Assert.DoesNotContain("pw", entry.Replace("\"", " ", StringComparison.Ordinal).Split(' ', ',', ':'), StringComparer.Ordinal);
        Assert.Equal(ScramCredential.Create("ops", "pw", 4096, loaded.Salt).StoredKey, loaded.StoredKey);
    }

    private MongoClient Client(string user, string password)
    {
        var settings = MongoClientSettings.FromConnectionString(_served.Server.ConnectionString + "&serverSelectionTimeoutMS=5000");
        settings.Credential = MongoCredential.CreateCredential("admin", user, password);
        return new MongoClient(settings);
    }
}
