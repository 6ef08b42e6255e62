using Ferry.Core.Json;
using MongoDB.Bson;

namespace Ferry.Core.Tests.Json;

/// <summary>Ferry's JSON text: relaxed Extended JSON with doubles as the shortest text that round-trips (#16).</summary>
public class RelaxedJsonTests
{
    [Fact]
    public void Doubles_print_as_the_shortest_round_trip_text_and_whole_doubles_stay_doubles()
    {
        var document = new BsonDocument { { "rate", 15.2 }, { "third", 1.0 / 3 }, { "whole", 100.0 }, { "big", 1e21 }, { "n", 7 }, { "l", 8L } };

        var json = RelaxedJson.Write(document, indented: false);

        Assert.Equal("{\"rate\":15.2,\"third\":0.3333333333333333,\"whole\":100.0,\"big\":1E+21,\"n\":7,\"l\":8}", json);
        Assert.Equal(document, BsonDocument.Parse(json));
    }

    [Fact]
    public void Types_json_has_no_literal_for_print_as_relaxed_extended_json()
    {
        var at = new DateTime(2026, 6, 1, 12, 0, 0, DateTimeKind.Utc);
        var document = new BsonDocument { { "at", at }, { "id", new ObjectId("0123456789abcdef01234567") }, { "nan", double.NaN }, { "none", BsonNull.Value }, { "text", "é <a> & \"q\"" }, { "list", new BsonArray { 1, "x", new BsonDocument("k", true) } } };

        var json = RelaxedJson.Write(document, indented: false);

        Assert.Equal("{\"at\":{ \"$date\" : \"2026-06-01T12:00:00Z\" },\"id\":{ \"$oid\" : \"0123456789abcdef01234567\" },\"nan\":{ \"$numberDouble\" : \"NaN\" },\"none\":null,\"text\":\"é <a> & \\\"q\\\"\",\"list\":[1,\"x\",{\"k\":true}]}", json);
    }
}
