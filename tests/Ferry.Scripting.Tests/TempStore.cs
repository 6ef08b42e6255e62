using Ferry.Core.Storage;
using Ferry.Store.Embedded;

namespace Ferry.Scripting.Tests;

/// <summary>A real embedded store in a fresh temporary folder, deleted afterwards.</summary>
public sealed class TempStore : IAsyncDisposable
{
    public TempStore()
    {
        Folder = Path.Combine(Path.GetTempPath(), "ferry-scripting-tests", Guid.NewGuid().ToString("N"));
        Store = new EmbeddedStoreProvider().OpenAsync("file:" + Folder).GetAwaiter().GetResult();
    }

    public string Folder { get; }

    public IDocumentStore Store { get; }

    public IDocumentDatabase Db => Store.GetDatabase("test");

    public async Task<(ScriptResult Result, string Output)> EvalAsync(string source, ScriptLimits? limits = null)
    {
        var output = new StringWriter();
        var result = await new MongoShell(Store, limits).EvaluateAsync("test", source, "test.js", output);
        return (result, output.ToString());
    }

    public async ValueTask DisposeAsync()
    {
        await Store.DisposeAsync();
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a leftover temp folder does not affect results.
        }
    }
}
