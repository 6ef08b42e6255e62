using MongoDB.Bson;

namespace Ferry.Cli.Tests;

public class TransferCommandTests
{
    private static string Write(CliHarness cli, string name, params string[] lines)
    {
        var path = cli.PathOf(name);
        File.WriteAllText(path, string.Join("\n", lines) + "\n");
        return path;
    }

    [Fact]
    public async Task Import_then_export_to_stdout_gives_canonical_lines_in_id_order()
    {
        using var cli = new CliHarness();
        var file = Write(cli, "in.json", "{\"_id\": 2, \"n\": NumberLong(7)}", "{\"_id\": 1, \"d\": {\"$date\": \"2020-01-01T00:00:00Z\"}}");

        var (importExit, importOutput) = await CliHarness.RunAsync("import", "--uri", cli.StoreUri, "--db", "t", "--collection", "c", "--file", file);
        var (exportExit, exported) = await CliHarness.RunAsync("export", "--uri", cli.StoreUri, "--db", "t", "--collection", "c");

        Assert.Equal((0, 0), (importExit, exportExit));
        Assert.Contains("imported 2 documents into t.c", importOutput);
        Assert.Equal(
            "{ \"_id\" : { \"$numberInt\" : \"1\" }, \"d\" : { \"$date\" : { \"$numberLong\" : \"1577836800000\" } } }\n" +
            "{ \"_id\" : { \"$numberInt\" : \"2\" }, \"n\" : { \"$numberLong\" : \"7\" } }\n",
            exported.ReplaceLineEndings("\n"));
    }

    [Fact]
    public async Task Export_import_export_round_trips_the_demo_data_exactly()
    {
        using var cli = new CliHarness();
        var demo = cli.PathOf("demo");
        await CliHarness.RunAsync("demo", "--dir", demo, "--size", "100");
        var demoUri = "file:" + Path.Combine(demo, "data");
        var first = cli.PathOf("assessments.json");
        var second = cli.PathOf("again.json");

        var (e1, _) = await CliHarness.RunAsync("export", "--uri", demoUri, "--db", "inframind_demo", "--collection", "assessments", "--out", first);
        var (e2, _) = await CliHarness.RunAsync("import", "--uri", cli.StoreUri, "--db", "copy", "--collection", "assessments", "--file", first);
        var (e3, json) = await CliHarness.RunAsync("export", "--uri", cli.StoreUri, "--db", "copy", "--collection", "assessments", "--out", second, "--json");

        Assert.Equal((0, 0, 0), (e1, e2, e3));
        Assert.Equal(300, BsonDocument.Parse(json)["documents"].ToInt64());
        Assert.Equal(File.ReadAllText(first), File.ReadAllText(second));
    }

    [Fact]
    public async Task Export_with_a_filter_writes_only_matching_documents()
    {
        using var cli = new CliHarness();
        var file = Write(cli, "in.json", "{\"_id\": 1, \"s\": \"draft\"}", "{\"_id\": 2, \"s\": \"completed\"}");
        await CliHarness.RunAsync("import", "--uri", cli.StoreUri, "--db", "t", "--collection", "c", "--file", file);

        var (exit, exported) = await CliHarness.RunAsync("export", "--uri", cli.StoreUri, "--db", "t", "--collection", "c", "--filter", "{\"s\": \"completed\"}");

        Assert.Equal(0, exit);
        Assert.Equal("{ \"_id\" : { \"$numberInt\" : \"2\" }, \"s\" : \"completed\" }", exported.Trim());
    }

    [Fact]
    public async Task Import_of_a_file_with_a_bad_line_exits_2_names_the_line_and_writes_nothing()
    {
        using var cli = new CliHarness();
        var file = Write(cli, "bad.json", "{\"_id\": 1}", "{\"_id\": 2", "{\"_id\": 3}");

        var (exit, output) = await CliHarness.RunAsync("import", "--uri", cli.StoreUri, "--db", "t", "--collection", "c", "--file", file);

        Assert.Equal(2, exit);
        Assert.Contains($"{file}:2: expected a JSON document:", output.ReplaceLineEndings(string.Empty));
        Assert.DoesNotContain(" at Ferry.", output);
        Assert.Equal(0, await cli.CountAsync("t", "c"));
    }

    [Fact]
    public async Task Import_of_a_line_with_invalid_utf8_exits_2_names_the_line_and_writes_nothing()
    {
        using var cli = new CliHarness();
        var file = cli.PathOf("latin1.json");
        await File.WriteAllBytesAsync(file, [.. "{\"_id\": 1}\n{\"_id\": 2, \"city\": \"K"u8, 0xF6, .. "ln\"}\n"u8]);

        var (exit, output) = await CliHarness.RunAsync("import", "--uri", cli.StoreUri, "--db", "t", "--collection", "c", "--file", file);
        var (continued, json) = await CliHarness.RunAsync("import", "--uri", cli.StoreUri, "--db", "t", "--collection", "c", "--file", file, "--continue-on-error", "--json");

        Assert.Equal(2, exit);
        Assert.Contains($"{file}:2: invalid UTF-8 at byte 22 of the line (0xF6)", output.ReplaceLineEndings(string.Empty));
        Assert.Equal(1, continued);
        var result = BsonDocument.Parse(json);
        Assert.Equal((1L, 1L), (result["inserted"].ToInt64(), result["failed"].ToInt64()));
        Assert.Equal(2, result["errors"][0]["line"].ToInt64());
        Assert.Equal(1, await cli.CountAsync("t", "c"));
    }

    [Fact]
    public async Task Import_continue_on_error_imports_the_rest_and_exits_1()
    {
        using var cli = new CliHarness();
        var file = Write(cli, "bad.json", "{\"_id\": 1}", "nope", "{\"_id\": 3}");

        var (exit, output) = await CliHarness.RunAsync("import", "--uri", cli.StoreUri, "--db", "t", "--collection", "c", "--file", file, "--continue-on-error", "--json");

        Assert.Equal(1, exit);
        var result = BsonDocument.Parse(output);
        Assert.Equal((2L, 1L), (result["inserted"].ToInt64(), result["failed"].ToInt64()));
        Assert.Equal(2, result["errors"][0]["line"].ToInt64());
        Assert.Equal(2, await cli.CountAsync("t", "c"));
    }

    [Fact]
    public async Task Import_upsert_replaces_existing_documents()
    {
        using var cli = new CliHarness();
        await CliHarness.RunAsync("import", "--uri", cli.StoreUri, "--db", "t", "--collection", "c", "--file", Write(cli, "a.json", "{\"_id\": 1, \"v\": 1}"));

        var (exit, output) = await CliHarness.RunAsync("import", "--uri", cli.StoreUri, "--db", "t", "--collection", "c", "--mode", "upsert", "--json",
            "--file", Write(cli, "b.json", "{\"_id\": 1, \"v\": 2}", "{\"_id\": 2, \"v\": 2}"));

        Assert.Equal(0, exit);
        var result = BsonDocument.Parse(output);
        Assert.Equal((1L, 1L), (result["inserted"].ToInt64(), result["replaced"].ToInt64()));
    }

    [Fact]
    public async Task Import_with_an_unknown_mode_exits_2()
    {
        var (exit, output) = await CliHarness.RunAsync("import", "--uri", "file:/nowhere", "--db", "t", "--collection", "c", "--file", "x.json", "--mode", "merge");
        Assert.Equal(2, exit);
        Assert.Contains("--mode merge: expected insert or upsert", output);
    }

    [Fact]
    public async Task Import_of_a_missing_file_exits_2_without_creating_the_store()
    {
        using var cli = new CliHarness();

        var (exit, output) = await CliHarness.RunAsync("import", "--uri", cli.StoreUri, "--db", "t", "--collection", "c", "--file", cli.PathOf("missing.json"));

        Assert.Equal(2, exit);
        Assert.Contains("missing.json: no such file", output);
        Assert.False(Directory.Exists(cli.PathOf("store")));
    }

    [Fact]
    public async Task Export_without_a_collection_exits_2()
    {
        var (exit, output) = await CliHarness.RunAsync("export", "--uri", "file:/nowhere", "--db", "t");
        Assert.Equal(2, exit);
        Assert.Contains("--collection: the collection to export is required", output);
    }

    [Fact]
    public async Task Export_json_to_standard_output_is_refused()
    {
        var (exit, output) = await CliHarness.RunAsync("export", "--uri", "file:/nowhere", "--db", "t", "--collection", "c", "--json");
        Assert.Equal(2, exit);
        Assert.Contains("--json: needs --out FILE", output);
    }

    [Fact]
    public async Task Help_lists_demo_export_and_import()
    {
        var (_, output) = await CliHarness.RunAsync("--help");
        Assert.Contains("demo", output);
        Assert.Contains("Export a collection as canonical Extended JSON", output);
        Assert.Contains("Import JSON lines into a collection", output);
    }
}
