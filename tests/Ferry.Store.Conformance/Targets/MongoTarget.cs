using Ferry.Core.Storage;
using Ferry.Store.Mongo;

namespace Ferry.Store.Conformance.Targets;

/// <summary>A real MongoDB server named by <c>FERRY_TEST_MONGODB_URI</c>; skipped with a reason when unset.</summary>
public sealed class MongoTarget : StoreTarget
{
    public const string EnvironmentVariable = "FERRY_TEST_MONGODB_URI";

    public const string NoServerReason = "no MongoDB server: set FERRY_TEST_MONGODB_URI";

    private readonly MongoStoreProvider _provider = new();

    public static string? Uri => Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } uri ? uri : null;

    public override string Name => "mongodb";

    public override string? SkipReason => Uri is null ? NoServerReason : null;

    protected override Task<IDocumentStore> OpenStoreAsync(CancellationToken cancellationToken) =>
        _provider.OpenAsync(Uri!, cancellationToken);
}
