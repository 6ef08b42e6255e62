using System.Globalization;
using System.IO.Compression;
using System.Text;
using CsCheck;
using Ferry.Core.Backup;
using Ferry.Core.Backup.Formats;
using Ferry.Core.Configuration;
using Ferry.Core.Errors;
using Ferry.Core.Migrations;
using Ferry.Core.Plans;
using Ferry.Core.Transfer;
using Ferry.Core.Transform.Rules;
using Ferry.Core.Validation.Rules;
using Ferry.Store.Embedded;
using MongoDB.Bson;

namespace Ferry.Core.Tests.Fuzzing;

/// <summary>
/// Every reader of outside input, fed valid input damaged by random edits (CsCheck, seeded; a failure prints the seed
/// and the edits): it reads the input or throws <see cref="UserInputException"/> (exit 2 at the CLI) — never another
/// exception, never a hang (each case has a time limit), never a write. FERRY_FUZZ_ITERATIONS scales the cases per
/// reader (default 150 in the test run; docs/reliability.md gives the longer run).
/// </summary>
public sealed class ReaderFuzzTests : IDisposable
{
    private static readonly TimeSpan CaseLimit = TimeSpan.FromSeconds(20);

    private static readonly long Iterations =
        long.TryParse(Environment.GetEnvironmentVariable("FERRY_FUZZ_ITERATIONS"), CultureInfo.InvariantCulture, out var n) ? n : 150;

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "ferry-fuzz-" + Guid.NewGuid().ToString("N")[..12]);

    public ReaderFuzzTests() => Directory.CreateDirectory(_folder);

    private static string Samples => Path.Combine(Path.GetDirectoryName(Path.GetDirectoryName(TestData.Root))!, "samples", "inframind");

    public void Dispose()
    {
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    [Fact]
    public void Bson_stream_reader() => Fuzz(BsonStream(), bytes => ReadBson(new MemoryStream(bytes)));

    [Fact]
    public void Gzip_members() => Fuzz(Gzip(BsonStream()), bytes =>
    {
        var path = Path.Combine(_folder, $"{Guid.NewGuid():N}.bson.gz");
        File.WriteAllBytes(path, bytes);
        using var stream = BackupStreams.OpenRead(path);
        ReadBson(stream);
    });

    [Fact]
    public void Archive_reader() => Fuzz(Archive(), bytes =>
    {
        var reader = ArchiveReader.OpenAsync(new MemoryStream(bytes), "fuzz.archive").GetAwaiter().GetResult();
        while (reader.ReadNextAsync().AsTask().GetAwaiter().GetResult() is not null)
        {
        }
    });

    [Fact]
    public void Metadata_json() =>
        Fuzz(File.ReadAllBytes(TestData.File("mongodump-samples/ozlerhakan-tweets/dump/twitter/tweets.metadata.json")), bytes => MetadataJson.Parse(Encoding.UTF8.GetString(bytes), "fuzz.metadata.json"));

    [Fact]
    public void Ferry_manifest() => Fuzz(Encoding.UTF8.GetBytes(FerryManifestJson.Serialize(Manifest())), bytes => FerryManifestJson.Parse(bytes, "ferry-manifest.json"));

    [Fact]
    public void Validation_rules_yaml() =>
        Fuzz(File.ReadAllBytes(Path.Combine(Samples, "validation.yaml")), bytes => RuleSetParser.Parse(Encoding.UTF8.GetString(bytes), "validation.yaml"));

    [Fact]
    public void A_rules_file_with_a_range_cut_out_is_refused_with_its_file_name_not_an_argument_exception()
    {
        // Found by Validation_rules_yaml (CsCheck seed eB1zB41Qh4U1): YamlDotNet's loader threw ArgumentException.
        var damaged = Mutation.Apply(File.ReadAllBytes(Path.Combine(Samples, "validation.yaml")), [new Mutation(3, 163802, 246, 8)]);
        var error = Assert.Throws<UserInputException>(() => RuleSetParser.Parse(Encoding.UTF8.GetString(damaged), "validation.yaml"));
        Assert.StartsWith("validation.yaml:", error.Message);
    }

    [Fact]
    public void A_password_hashing_cost_that_is_not_a_number_is_refused_naming_the_setting()
    {
        // Found by Transform_rules_yaml (CsCheck seed 33tEJtynNrl1): "cost: 1 10" escaped as a FormatException.
        var yaml = File.ReadAllText(Path.Combine(Samples, "demo-to-prod.yaml")).Replace("cost: 10", "cost: 1 10", StringComparison.Ordinal);
        var error = Assert.Throws<UserInputException>(() => TransformRulesParser.Parse(yaml, "demo-to-prod.yaml"));
        Assert.Contains("password_hashing.cost '1 10': expected a whole number", error.Message);
    }

    [Fact]
    public void Transform_rules_yaml() =>
        Fuzz(File.ReadAllBytes(Path.Combine(Samples, "demo-to-prod.yaml")), bytes => TransformRulesParser.Parse(Encoding.UTF8.GetString(bytes), "demo-to-prod.yaml"));

    [Fact]
    public void Plan_files()
    {
        foreach (var rules in new[] { "demo-to-prod.yaml", "validation.yaml", "validation-prod.yaml" })
        {
            File.Copy(Path.Combine(Samples, rules), Path.Combine(_folder, rules));
        }

        Fuzz(File.ReadAllBytes(Path.Combine(Samples, "demo-to-prod.plan.yaml")), bytes =>
        {
            var path = Path.Combine(_folder, $"{Guid.NewGuid():N}.plan.yaml");
            File.WriteAllBytes(path, bytes);
            PlanParser.Load(path);
        });
    }

    [Fact]
    public void Ferry_yaml()
    {
        const string Config = """
            uri: file:./data
            db: inframind_prod
            migrations: ./migrations
            validation: ./validation.yaml
            backups: ./backups
            emergency:
              stop:
                - kubectl scale deployment inframind-api --replicas=0
              recover:
                - name: restart-limited
                  argv: [kubectl, scale, deployment, inframind-api, --replicas=1]
                  timeout: 2m
            report: ./reports
            """;
        Fuzz(Encoding.UTF8.GetBytes(Config), bytes =>
        {
            var path = Path.Combine(_folder, $"{Guid.NewGuid():N}.yaml");
            File.WriteAllBytes(path, bytes);
            FerryConfig.Load(path);
        });
    }

    [Fact]
    public void Migration_file_names() =>
        Fuzz(Encoding.UTF8.GetBytes("001_add_user_profile_fields.js"), bytes => Assert.True(MigrationFileName.TryParse(Encoding.UTF8.GetString(bytes), out var version, out _) || version == default));

    [Fact]
    public async Task Extended_json_import_lines()
    {
        var lines = string.Join('\n', Documents().Select(d => d.ToJson(new MongoDB.Bson.IO.JsonWriterSettings { OutputMode = MongoDB.Bson.IO.JsonOutputMode.CanonicalExtendedJson })));
        await using var store = new EmbeddedStore(Path.Combine(_folder, "store"), "file:fuzz");
        var database = store.GetDatabase("fuzz");
        var number = 0;
        Fuzz(Encoding.UTF8.GetBytes(lines), bytes =>
        {
            var path = Path.Combine(_folder, $"{Guid.NewGuid():N}.jsonl");
            File.WriteAllBytes(path, bytes);
            var collection = database.GetCollection($"c{Interlocked.Increment(ref number)}");
            try
            {
                ExtendedJsonImporter.ImportFileAsync(collection, path).GetAwaiter().GetResult();
            }
            catch (UserInputException)
            {
                // Refused input writes nothing: not a document, not a run.
                Assert.Equal(0, collection.CountAsync().GetAwaiter().GetResult());
                Assert.Equal(0, database.GetCollection(Ferry.Core.Runs.RunJournal.CollectionName).CountAsync().GetAwaiter().GetResult());
                throw;
            }
            finally
            {
                // A fresh collection per case keeps each case's "nothing written" check its own.
                database.DropCollectionAsync(collection.Name).GetAwaiter().GetResult();
                database.DropCollectionAsync(Ferry.Core.Runs.RunJournal.CollectionName).GetAwaiter().GetResult();
            }
        });
    }

    /// <summary>The seed reads; then every mutated input reads or is refused with a <see cref="UserInputException"/>, in time.</summary>
    private static void Fuzz(byte[] valid, Action<byte[]> read)
    {
        read(valid); // the unmutated input is good: a reader that refused everything would pass the rest
        Mutation.Edits.Sample(
            edits =>
            {
                var input = Mutation.Apply(valid, edits);
                var task = Task.Run(() =>
                {
                    try
                    {
                        read(input);
                    }
                    catch (UserInputException)
                    {
                    }
                });
                if (!task.Wait(CaseLimit))
                {
                    throw new TimeoutException($"the reader did not finish in {CaseLimit} (a hang?)");
                }
            },
            iter: Iterations,
            threads: 1,
            print: Mutation.Describe);
    }

    private static void ReadBson(Stream stream)
    {
        var reader = new BsonStreamReader(stream, "fuzz.bson");
        while (reader.ReadNextAsync().AsTask().GetAwaiter().GetResult() is not null)
        {
        }
    }

    private static List<BsonDocument> Documents() => Enumerable.Range(0, 12).Select(i => new BsonDocument
    {
        { "_id", ObjectId.Parse($"65a1b2c3d4e5f6a7b8c9d0{i:x2}") },
        { "name", $"user {i}" },
        { "at", new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddDays(i) },
        { "tags", new BsonArray { "a", i, 1.5 * i } },
        { "nested", new BsonDocument { { "n", (long)i }, { "d", new BsonDecimal128(i) } } },
    }).ToList();

    private static byte[] BsonStream() => Documents().SelectMany(d => d.ToBson()).ToArray();

    private static byte[] Gzip(byte[] bytes)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest))
        {
            gzip.Write(bytes);
        }

        return output.ToArray();
    }

    private static byte[] Archive()
    {
        using var output = new MemoryStream();
        using var writer = new ArchiveWriter(output);
        writer.WritePreludeAsync(new ArchiveHeader(1, "0.1", "8.0.0", "ferry-fuzz"), [new ArchiveNamespaceEntry("d", "a", "{\"indexes\":[]}", 0, "collection")]).GetAwaiter().GetResult();
        writer.WriteSegmentAsync("d", "a", Documents().Select(d => (ReadOnlyMemory<byte>)d.ToBson()).ToList()).GetAwaiter().GetResult();
        writer.WriteEndOfNamespaceAsync("d", "a").GetAwaiter().GetResult();
        return output.ToArray();
    }

    private static FerryManifest Manifest() => new()
    {
        Tag = "t1",
        Source = "file:/data",
        Created = new DateTimeOffset(2026, 6, 1, 12, 0, 0, TimeSpan.Zero),
        FerryVersion = "1.0.0",
        Layout = FerryManifest.DirectoryLayout,
        Databases = ["app"],
        Files = [new ManifestFile("app/users.bson", 120, new string('a', 64)) { Documents = 3 }, new ManifestFile("app/users.metadata.json", 40, new string('b', 64))],
        Namespaces = [new ManifestNamespace("app", "users", 3, 120) { DataFile = "app/users.bson", MetadataFile = "app/users.metadata.json", Type = "collection" }],
    };
}
