using Ferry.Core.Storage;
using MongoDB.Bson;

namespace Ferry.Store.Embedded.Tests;

/// <summary>
/// Entry point of the test assembly when run as a child process by durability tests:
/// <c>dotnet Ferry.Store.Embedded.Tests.dll crash-writer FOLDER</c> writes batches of <see cref="BatchSize"/> documents
/// forever and prints "committed N" after each batch returns, until it is killed.
/// </summary>
public static class Program
{
    public const int BatchSize = 200;

    public static async Task<int> Main(string[] args)
    {
        if (args.Length == 2 && args[0] == "crash-writer")
        {
            await using var store = new EmbeddedStore(args[1], "file:" + args[1]);
            var collection = store.GetDatabase("crash").GetCollection("docs");
            for (var batch = 0; ; batch++)
            {
                var requests = Enumerable.Range(0, BatchSize)
                    .Select(i => (WriteRequest)new InsertRequest(new BsonDocument { { "_id", (batch * BatchSize) + i }, { "batch", batch }, { "pad", new string('x', 500) } }))
                    .ToList();
                await collection.BulkWriteAsync(requests);
                Console.Out.WriteLine("committed " + (batch + 1));
                Console.Out.Flush();
            }
        }

        return 0;
    }
}
