using Ferry.Store.Mongo;
using MongoDB.Driver;

namespace Ferry.Store.Conformance.Units;

/// <summary>URI options win; Ferry's defaults fill only what the URI leaves out.</summary>
public sealed class MongoConnectionSettingsTests
{
    private static MongoClientSettings Build(string uri, MongoStoreProviderOptions? options = null) =>
        MongoConnectionSettings.Build(uri, uri, options ?? new MongoStoreProviderOptions());

    [Fact]
    public void Server_selection_defaults_to_ten_seconds_unless_the_uri_sets_it()
    {
        Assert.Equal(TimeSpan.FromSeconds(10), Build("mongodb://h").ServerSelectionTimeout);
        Assert.Equal(TimeSpan.FromMilliseconds(2500), Build("mongodb://h/?serverSelectionTimeoutMS=2500").ServerSelectionTimeout);
    }

    [Fact]
    public void Pool_and_timeouts_come_from_the_uri()
    {
        var settings = Build("mongodb://h/?maxPoolSize=7&minPoolSize=2&maxIdleTimeMS=1000&waitQueueTimeoutMS=3000");

        Assert.Equal((7, 2), (settings.MaxConnectionPoolSize, settings.MinConnectionPoolSize));
        Assert.Equal((TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(3)), (settings.MaxConnectionIdleTime, settings.WaitQueueTimeout));
    }

    [Fact]
    public void Retryable_writes_stay_on_unless_the_uri_turns_them_off()
    {
        Assert.True(Build("mongodb://h").RetryWrites);
        Assert.False(Build("mongodb://h/?retryWrites=false").RetryWrites);
    }

    [Fact]
    public void Configured_write_concern_applies_when_the_uri_has_no_w()
    {
        var options = new MongoStoreProviderOptions { WriteConcern = WriteConcern.WMajority };

        Assert.Equal(WriteConcern.WMajority, Build("mongodb://h", options).WriteConcern);
        Assert.Equal(WriteConcern.W1, Build("mongodb://h/?w=1", options).WriteConcern);
        Assert.Equal(WriteConcern.Acknowledged, Build("mongodb://h").WriteConcern);
    }

    [Fact]
    public void Application_name_defaults_to_ferry()
    {
        Assert.Equal("ferry", Build("mongodb://h").ApplicationName);
        Assert.Equal("mine", Build("mongodb://h/?appName=mine").ApplicationName);
    }
}
