using MongoDB.Bson;
using MongoDB.Bson.IO;

namespace Ferry.Core.Tests.Json;

/// <summary>
/// A result's <c>--json</c> document as the CLI prints it (relaxed Extended JSON), on one line, so a shape test
/// compares every key, its order and its value. Expected text is written with ' for " to stay readable.
/// </summary>
internal static class JsonShape
{
    private static readonly JsonWriterSettings Relaxed = new() { OutputMode = JsonOutputMode.RelaxedExtendedJson };

    public static void AssertShape(string expected, BsonDocument actual) =>
        Assert.Equal(expected.Replace('\'', '"'), actual.ToJson(Relaxed));
}
