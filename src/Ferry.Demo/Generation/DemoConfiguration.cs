using MongoDB.Bson;

namespace Ferry.Demo.Generation;

/// <summary>
/// The one configuration document, in collection <c>configuration</c> with <c>_id: "demo_config"</c> (the name the
/// guide's migration log uses). Shaped as the guide's configuration (llm_providers, cloud_providers,
/// cache_settings) with demo values — smaller models, limits and TTLs than the guide's production configuration —
/// and the demo markers <c>environment: "demo"</c>, <c>is_demo: true</c>. It is the same for every seed and size.
/// </summary>
public static class DemoConfiguration
{
    public const string Id = "demo_config";

    public static BsonDocument Create() => new()
    {
        { "_id", Id },
        { "environment", "demo" },
        { "is_demo", true },
        {
            "llm_providers", new BsonDocument
            {
                { "openai", Provider("gpt-3.5-turbo", 1000, 0.7, 60, 40_000) },
                { "anthropic", Provider("claude-3-haiku-20240307", 1000, null, 50, 25_000) },
            }
        },
        {
            "cloud_providers", new BsonDocument
            {
                { "aws", Cloud("us-east-1") },
                { "azure", Cloud("eastus") },
                { "gcp", Cloud("us-central1") },
            }
        },
        {
            "cache_settings", new BsonDocument
            {
                { "default_ttl", 300 },
                { "pricing_ttl", 600 },
                { "services_ttl", 900 },
            }
        },
    };

    private static BsonDocument Provider(string model, int maxTokens, double? temperature, int requestsPerMinute, int tokensPerMinute)
    {
        var provider = new BsonDocument { { "model", model }, { "max_tokens", maxTokens } };
        if (temperature is { } t)
        {
            provider.Add("temperature", t);
        }

        provider.Add("rate_limits", new BsonDocument { { "requests_per_minute", requestsPerMinute }, { "tokens_per_minute", tokensPerMinute } });
        return provider;
    }

    private static BsonDocument Cloud(string region) => new()
    {
        { "regions", new BsonArray { region } },
        { "rate_limits", new BsonDocument { { "requests_per_second", 10 } } },
    };
}
