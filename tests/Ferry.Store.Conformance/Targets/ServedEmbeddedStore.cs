using Ferry.Serve;
using Ferry.Store.Embedded;

namespace Ferry.Store.Conformance.Targets;

/// <summary>
/// <c>ferry serve</c> in this test process: one embedded store in a temporary folder served on a free loopback port,
/// started on first use and shared by every MongoDB-target case (each case uses its own database). It lets the
/// MongoDB target run without a MongoDB server: the driver path (Ferry.Store.Mongo, the official driver, a real
/// socket, the wire protocol) is exercised; MongoDB's own semantics are not — those are the embedded store's.
/// </summary>
internal static class ServedEmbeddedStore
{
    private static readonly Lazy<string> Started = new(Start, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>The connection string of the shared server (started on first call).</summary>
    public static string Uri => Started.Value;

    private static string Start()
    {
        var folder = Path.Combine(Path.GetTempPath(), "ferry-conformance-serve", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var store = new EmbeddedStoreProvider().OpenAsync("file:" + folder).GetAwaiter().GetResult();
        var server = new WireServer(store, new WireServerOptions { Port = 0 });
        server.Start();
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            server.StopAsync().GetAwaiter().GetResult();
            store.DisposeAsync().AsTask().GetAwaiter().GetResult();
            try
            {
                Directory.Delete(folder, recursive: true);
            }
            catch (IOException)
            {
                // Left in the temp folder; harmless.
            }
        };
        return server.ConnectionString;
    }
}
