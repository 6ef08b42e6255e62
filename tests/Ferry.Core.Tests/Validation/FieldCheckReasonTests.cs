using Ferry.Core.Storage;
using Ferry.Core.Tests.Support;
using Ferry.Core.Validation;
using Ferry.Core.Validation.Rules;
using Ferry.Store.Embedded;
using MongoDB.Bson;

namespace Ferry.Core.Tests.Validation;

/// <summary>What each field check says about each kind of value, end to end through <see cref="DataValidator"/>.</summary>
public class FieldCheckReasonTests
{
    private const string Rules = """
        collections:
          things:
            fields:
              req: { required: true }
              nb: { not_blank: true }
              t: { type: [int, long] }
              num: { type: number }
              len: { min_length: 2, max_length: 3 }
              pat: { pattern: "^a" }
              en: { enum: [x, 1] }
              n: { min: 0, max: 10 }
              at: { not_in_future: 1m }
              low: { lowercase: true }
              off: { required: false }
        """;

    [Fact]
    public async Task Each_field_check_gives_its_exact_reason_and_absent_fields_fail_only_required_and_not_blank()
    {
        var folder = Path.Combine(Path.GetTempPath(), "ferry-tests", Guid.NewGuid().ToString("N"));
        var now = SeededDemo.Clock.UtcDateTime;
        try
        {
            await using (var store = await new EmbeddedStoreProvider().OpenAsync("file:" + folder))
            {
                var db = store.GetDatabase("db");
                await db.GetCollection("things").BulkWriteAsync(
                [
                    new InsertRequest(new BsonDocument { { "_id", 1 }, { "req", 1 }, { "nb", "x" }, { "t", 1 }, { "num", 2.5 }, { "len", "ab" }, { "pat", "abc" }, { "en", "x" }, { "n", 5 }, { "at", now.AddDays(-1) }, { "low", "abc" } }),
                    new InsertRequest(new BsonDocument { { "_id", 2 } }),
                    new InsertRequest(new BsonDocument { { "_id", 3 }, { "req", BsonNull.Value }, { "nb", BsonNull.Value }, { "t", "s" }, { "num", "s" }, { "len", "a" }, { "pat", 5 }, { "en", "y" }, { "n", -1 }, { "at", now.AddMinutes(2) }, { "low", "ABC" } }),
                    new InsertRequest(new BsonDocument { { "_id", 4 }, { "nb", "  " }, { "t", 1.5 }, { "num", 7L }, { "len", new BsonArray { 1, 2, 3, 4 } }, { "pat", "ba" }, { "en", 1.0 }, { "n", 11 }, { "at", now.AddSeconds(30) }, { "low", 5 } }),
                    new InsertRequest(new BsonDocument { { "_id", 5 }, { "nb", "" }, { "len", "ab\U0001F600" }, { "n", "text" }, { "at", "tomorrow" } }),
                ]);

                var report = await new DataValidator(new ValidationOptions { Time = SeededDemo.Time }).ValidateAsync(db, RuleSetParser.Parse(Rules, "rules.yaml"));

                var reasons = report.Collections.Single().Rules.ToDictionary(r => r.Id, r => string.Join("; ", r.Samples.Select(s => $"{s.Id}: {s.Reason}")));
                Assert.Equal(new Dictionary<string, string>
                {
                    ["things.req:required"] = "2: missing; 4: missing; 5: missing",
                    ["things.nb:not_blank"] = "2: missing; 3: null; 4: blank; 5: blank",
                    ["things.t:type"] = "3: type is string, expected int or long; 4: type is double, expected int or long",
                    ["things.num:type"] = "3: type is string, expected number",
                    ["things.len:min_length"] = "3: length 1 < 2",
                    ["things.len:max_length"] = "4: length 4 > 3",
                    ["things.pat:pattern"] = "3: not a string; 4: does not match /^a/",
                    ["things.en:enum"] = "3: not an allowed value",
                    ["things.n:min"] = "3: below 0",
                    ["things.n:max"] = "4: above 10",
                    ["things.at:not_in_future"] = "3: in the future",
                    ["things.low:lowercase"] = "3: not lower-case",
                }, reasons);
            }
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }
}
