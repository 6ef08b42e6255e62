using Ferry.Core.Errors;
using Ferry.Core.Storage;
using Ferry.Core.Transfer;
using MongoDB.Bson;

namespace Ferry.Core.Tests.Transfer;

/// <summary>Export and import against a real store (the embedded store; the same cases would run on MongoDB).</summary>
public abstract class ExtendedJsonTransferTests : IAsyncLifetime, IDisposable
{
    private readonly TempDirectory _temp = new();
    private IDocumentStore? _store;

    public async Task InitializeAsync() => _store = await OpenStoreAsync(_temp.File("store"));

    public async Task DisposeAsync()
    {
        if (_store is not null)
        {
            await _store.DisposeAsync();
        }
    }

    // xunit calls this after DisposeAsync, so the store is closed before its folder is deleted.
    public void Dispose()
    {
        Dispose(disposing: true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing)
    {
        if (disposing)
        {
            _temp.Dispose();
        }
    }

    protected abstract Task<IDocumentStore> OpenStoreAsync(string folder);

    private IDocumentCollection Collection(string name) => _store!.GetDatabase("db").GetCollection(name);

    private static async Task InsertAsync(IDocumentCollection collection, params BsonDocument[] documents) =>
        await collection.BulkWriteAsync(documents.Select(d => (WriteRequest)new InsertRequest(d)).ToList());

    private static async Task<string> ExportAsync(IDocumentCollection collection, BsonDocument? filter = null)
    {
        using var writer = new StringWriter { NewLine = "\n" };
        await ExtendedJsonExporter.ExportAsync(collection, writer, new ExportOptions { Filter = filter });
        return writer.ToString();
    }

    private string WriteFile(string name, params string[] lines)
    {
        var path = _temp.File(name);
        File.WriteAllText(path, string.Join("\n", lines) + "\n");
        return path;
    }

    /// <summary>One document with a value of nearly every BSON type.</summary>
    private static BsonDocument EveryType(int id) => new()
    {
        { "_id", id },
        { "int32", 7 },
        { "int64", 7L },
        { "double", 7.0 },
        { "negative_zero", -0.0 },
        { "nan", double.NaN },
        { "decimal", new BsonDecimal128(Decimal128.Parse("1234.5600")) },
        { "string", "héllo \"quoted\"\n\u0001" },
        { "date", new BsonDateTime(-62135596800000) },
        { "oid", new ObjectId("5f1d7a3b9c8e4a0012345678") },
        { "binary", new BsonBinaryData([1, 2, 3], BsonBinarySubType.UserDefined) },
        { "uuid", new BsonBinaryData(Guid.Parse("00112233-4455-6677-8899-aabbccddeeff"), GuidRepresentation.Standard) },
        { "regex", new BsonRegularExpression("^a.*b$", "im") },
        { "timestamp", new BsonTimestamp(1700000000, 5) },
        { "min", BsonMinKey.Value },
        { "max", BsonMaxKey.Value },
        { "null", BsonNull.Value },
        { "bool", false },
        { "array", new BsonArray { 1, "two", new BsonDocument("three", 3L), new BsonArray() } },
        { "nested", new BsonDocument { { "a", new BsonDocument() }, { "dotted.name", 1 } } },
    };

    [Fact]
    public async Task Export_writes_one_canonical_extended_json_document_per_line_in_id_order()
    {
        var users = Collection("users");
        await InsertAsync(users, new BsonDocument { { "_id", 3 }, { "n", 1L } }, new BsonDocument { { "_id", 1 }, { "n", 2.5 } });

        var text = await ExportAsync(users);

        Assert.Equal(
            "{ \"_id\" : { \"$numberInt\" : \"1\" }, \"n\" : { \"$numberDouble\" : \"2.5\" } }\n" +
            "{ \"_id\" : { \"$numberInt\" : \"3\" }, \"n\" : { \"$numberLong\" : \"1\" } }\n",
            text);
    }

    [Fact]
    public async Task Export_with_a_filter_writes_only_matching_documents()
    {
        var users = Collection("users");
        await InsertAsync(users, new BsonDocument { { "_id", 1 }, { "role", "admin" } }, new BsonDocument { { "_id", 2 }, { "role", "user" } });

        var text = await ExportAsync(users, BsonDocument.Parse("{ role: 'user' }"));

        Assert.Equal("{ \"_id\" : { \"$numberInt\" : \"2\" }, \"role\" : \"user\" }\n", text);
    }

    [Fact]
    public async Task Export_then_import_then_export_is_identical_for_every_bson_type()
    {
        var source = Collection("source");
        await InsertAsync(source, EveryType(1), EveryType(2), new BsonDocument { { "_id", ObjectId.Parse("65a1b2c3d4e5f60718293a4b") }, { "x", 1 } });
        var first = await ExportAsync(source);
        var file = WriteFile("every-type.json", first.TrimEnd('\n').Split('\n'));

        var result = await ExtendedJsonImporter.ImportFileAsync(Collection("target"), file);
        var second = await ExportAsync(Collection("target"));

        Assert.Equal(3, result.Inserted);
        Assert.Equal(first, second);
        var original = await source.ScanAsync().Select(d => d.ToBson()).ToListAsync();
        var imported = await Collection("target").ScanAsync().Select(d => d.ToBson()).ToListAsync();
        Assert.Equal(original, imported);
    }

    [Fact]
    public async Task Export_to_a_file_leaves_no_partial_file_and_reports_the_count()
    {
        var users = Collection("users");
        await InsertAsync(users, new BsonDocument("_id", 1), new BsonDocument("_id", 2));
        var path = _temp.File("out/users.json");

        var result = await ExtendedJsonExporter.ExportToFileAsync(users, path);

        Assert.Equal(2, result.Documents);
        Assert.Equal(Path.GetFullPath(path), result.Path);
        Assert.Equal(2, File.ReadAllLines(path).Length);
        Assert.False(File.Exists(path + ".partial"));
    }

    [Fact]
    public async Task A_bad_line_refuses_the_whole_file_with_its_line_number_and_writes_nothing()
    {
        var file = WriteFile("bad.json", "{\"_id\": 1}", "", "{\"_id\": 2, oops}", "{\"_id\": 3}", "[1, 2]");
        var target = Collection("target");

        var error = await Assert.ThrowsAsync<UserInputException>(() => ExtendedJsonImporter.ImportFileAsync(target, file));

        Assert.StartsWith($"{file}:3: expected a JSON document: ", error.Message);
        Assert.Contains("nothing was imported", error.Message);
        Assert.DoesNotContain('\n', error.Message);
        Assert.Equal(0, await target.CountAsync());
    }

    [Theory]
    [InlineData("42")]
    [InlineData("[{\"_id\": 1}]")]
    [InlineData("{\"_id\": 1} {\"_id\": 2}")]
    [InlineData("{\"a\": ")]
    public async Task A_line_that_is_not_exactly_one_document_is_bad(string line)
    {
        var file = WriteFile("bad.json", "{\"_id\": 0}", line);

        var error = await Assert.ThrowsAsync<UserInputException>(() => ExtendedJsonImporter.ImportFileAsync(Collection("t"), file));

        Assert.StartsWith($"{file}:2: expected a JSON document: ", error.Message);
    }

    [Fact]
    public async Task Invalid_utf8_in_a_line_refuses_the_file_with_its_line_number_and_writes_nothing()
    {
        var file = _temp.File("latin1.json");
        await File.WriteAllBytesAsync(file, [.. "{\"_id\": 1}\n{\"_id\": 2, \"name\": \"caf"u8, 0xE9, .. "\"}\n{\"_id\": 3}\n"u8]);
        var target = Collection("target");

        var error = await Assert.ThrowsAsync<UserInputException>(() => ExtendedJsonImporter.ImportFileAsync(target, file));

        Assert.Equal($"{file}:2: invalid UTF-8 at byte 24 of the line (0xE9); the file must be UTF-8; nothing was imported (use --continue-on-error to import the other lines)", error.Message);
        Assert.Equal(0, await target.CountAsync());
    }

    [Fact]
    public async Task Invalid_utf8_with_continue_on_error_skips_only_that_line_and_reports_it()
    {
        var file = _temp.File("mixed.json");
        await File.WriteAllBytesAsync(file, [.. "\uFEFF{\"_id\": \"caf\u00e9\"}\r\n{\"_id\": \""u8, 0xC3, 0x28, .. "\"}\r\n{\"_id\": 3}"u8]);
        var target = Collection("target");

        var result = await ExtendedJsonImporter.ImportFileAsync(target, file, new ImportOptions { ContinueOnError = true });

        Assert.Equal(2, result.Inserted);
        Assert.Equal(1, result.Failed);
        Assert.Equal(3, result.Lines);
        var error = Assert.Single(result.Errors);
        Assert.Equal(2, error.Line);
        Assert.Equal("invalid UTF-8 at byte 10 of the line (0xC3); the file must be UTF-8", error.Message);
        var ids = (await target.ScanAsync().ToListAsync()).Select(d => d["_id"]).ToList();
        Assert.Equal([BsonValue.Create(3), BsonValue.Create("caf\u00e9")], ids);
    }

    [Fact]
    public async Task Continue_on_error_imports_the_good_lines_and_reports_each_bad_one()
    {
        var file = WriteFile("mixed.json", "{\"_id\": 1}", "not json", "{\"_id\": 2}", "{\"_id\": 1}", "{\"_id\": 3}");
        var target = Collection("target");

        var result = await ExtendedJsonImporter.ImportFileAsync(target, file, new ImportOptions { ContinueOnError = true });

        Assert.Equal(3, result.Inserted);
        Assert.Equal(2, result.Failed);
        Assert.Equal(5, result.Lines);
        Assert.Equal([2L, 4L], result.Errors.Select(e => e.Line).Order());
        Assert.StartsWith("expected a JSON document: ", result.Errors.Single(e => e.Line == 2).Message);
        Assert.Contains("duplicate key", result.Errors.Single(e => e.Line == 4).Message);
        Assert.Equal(3, await target.CountAsync());
    }

    [Fact]
    public async Task A_rejected_document_in_insert_mode_removes_what_the_import_had_inserted()
    {
        var target = Collection("target");
        await InsertAsync(target, new BsonDocument { { "_id", 5 }, { "keep", true } });
        var file = WriteFile("clash.json", "{\"_id\": 1}", "{\"_id\": 2}", "{\"_id\": 5, \"keep\": false}", "{\"_id\": 6}");

        var error = await Assert.ThrowsAsync<UserInputException>(() =>
            ExtendedJsonImporter.ImportFileAsync(target, file, new ImportOptions { BatchSize = 2 }));

        Assert.StartsWith($"{file}:3: ", error.Message);
        Assert.Contains("nothing was imported", error.Message);
        var left = await target.ScanAsync().ToListAsync();
        Assert.Equal(new BsonDocument { { "_id", 5 }, { "keep", true } }, Assert.Single(left));
    }

    [Fact]
    public async Task Upsert_mode_replaces_by_id_and_inserts_the_rest()
    {
        var target = Collection("target");
        await InsertAsync(target, new BsonDocument { { "_id", 1 }, { "v", "old" } });
        var file = WriteFile("upsert.json", "{\"_id\": 1, \"v\": \"new\"}", "{\"_id\": 2, \"v\": \"added\"}", "{\"v\": \"no id\"}");

        var result = await ExtendedJsonImporter.ImportFileAsync(target, file, new ImportOptions { Mode = ImportMode.Upsert });

        Assert.Equal((1L, 2L), (result.Replaced, result.Inserted));
        var all = await target.ScanAsync().ToListAsync();
        Assert.Equal(3, all.Count);
        Assert.Equal("new", all.Single(d => d["_id"] == 1)["v"].AsString);
        Assert.Contains(all, d => d["_id"].IsObjectId && d["v"] == "no id");
    }

    [Fact]
    public async Task Shell_syntax_and_relaxed_extended_json_are_read_with_their_bson_types()
    {
        var file = WriteFile("shell.json",
            "{_id: ObjectId(\"5f1d7a3b9c8e4a0012345678\"), at: ISODate(\"2020-01-02T03:04:05.006Z\"), n: NumberLong(5), d: NumberDecimal(\"1.10\")}",
            "{\"_id\": 2, \"at\": {\"$date\": \"2021-05-06T07:08:09Z\"}, \"x\": 1.5}");
        var target = Collection("target");

        await ExtendedJsonImporter.ImportFileAsync(target, file);

        var docs = await target.ScanAsync().ToListAsync();
        var shell = docs.Single(d => d["_id"].IsObjectId);
        Assert.Equal(new DateTime(2020, 1, 2, 3, 4, 5, 6, DateTimeKind.Utc), shell["at"].ToUniversalTime());
        Assert.Equal(BsonType.Int64, shell["n"].BsonType);
        Assert.Equal(Decimal128.Parse("1.10"), shell["d"].AsDecimal128);
        Assert.Equal(BsonType.DateTime, docs.Single(d => d["_id"] == 2)["at"].BsonType);
    }

    [Fact]
    public async Task A_missing_file_is_bad_input()
    {
        var error = await Assert.ThrowsAsync<UserInputException>(() => ExtendedJsonImporter.ImportFileAsync(Collection("t"), _temp.File("nope.json")));
        Assert.Contains("no such file", error.Message);
    }

    [Fact]
    public void A_filter_argument_that_is_not_a_document_names_the_option()
    {
        var error = Assert.Throws<UserInputException>(() => JsonArgument.ParseDocument("--filter", "{role: }"));
        Assert.StartsWith("--filter: expected a JSON document: ", error.Message);
    }
}

public sealed class EmbeddedExtendedJsonTransferTests : ExtendedJsonTransferTests
{
    protected override Task<IDocumentStore> OpenStoreAsync(string folder) => new Ferry.Store.Embedded.EmbeddedStoreProvider().OpenAsync("file:" + folder);
}
