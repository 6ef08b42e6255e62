using System.Globalization;
using System.Text;
using System.Text.Json;
using Ferry.Core.Migrations;
using MongoDB.Bson;
using MongoDB.Bson.IO;

namespace Ferry.Core.Schema;

/// <summary>
/// <c>ferry schema diff --emit-migration NAME</c>: the changes as a versioned migration with its down, so a schema
/// change goes through review as code. Every value is written as canonical Extended JSON and read back with
/// <c>EJSON.parse</c>, so types survive exactly (an Int64 stays an Int64). A change that cannot be undone from the
/// migration alone (a dropped collection or document: its data is in the backup, not in the file) makes the down
/// refuse before it does anything.
/// </summary>
public static class SchemaMigrationWriter
{
    public static MigrationCreated Write(string directory, string name, IReadOnlyList<SchemaChange> changes, TimeProvider time) =>
        MigrationScaffolder.Write(directory, name, time, timestamp: false, now => Module(name, changes, now));

    private static string Module(string name, IReadOnlyList<SchemaChange> changes, DateTimeOffset now)
    {
        var text = new StringBuilder();
        text.Append("// ").Append(name).Append('\n');
        text.Append("// Written by ferry schema diff --emit-migration on ").Append(now.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)).Append(": ")
            .Append(changes.Count.ToString(CultureInfo.InvariantCulture)).Append(" change(s).\n");
        text.Append("module.exports = {\n  description: ").Append(JsonSerializer.Serialize(name)).Append(",\n\n  async up(db) {\n");
        foreach (var change in changes)
        {
            text.Append("    // ").Append(change.Description.Replace('\n', ' ')).Append('\n');
            text.Append("    ").Append(Up(change)).Append('\n');
        }

        text.Append("  },\n\n  async down(db) {\n");
        var irreversible = changes.Where(c => c.Action is SchemaChange.DropCollection or SchemaChange.RemoveDocument).ToList();
        if (irreversible.Count > 0)
        {
            text.Append("    throw new Error(").Append(JsonSerializer.Serialize(
                $"irreversible: this migration removed data ({irreversible[0].Description}); restore it from the backup taken before it")).Append(");\n");
        }
        else
        {
            foreach (var change in changes.Reverse())
            {
                text.Append("    ").Append(Down(change)).Append('\n');
            }
        }

        text.Append("  },\n};\n");
        return text.ToString();
    }

    private static string Up(SchemaChange change) => change.Action switch
    {
        SchemaChange.CreateCollection => Command(new BsonDocument("create", change.Collection).AddRange(change.After ?? [])),
        SchemaChange.SetValidation => Command(new BsonDocument("collMod", change.Collection).AddRange(change.After!)),
        SchemaChange.CreateIndex => Command(new BsonDocument { { "createIndexes", change.Collection }, { "indexes", new BsonArray { change.After! } } }),
        SchemaChange.DropIndex => Command(new BsonDocument { { "dropIndexes", change.Collection }, { "index", change.Before!["name"] } }),
        SchemaChange.UpsertDocument => $"{Collection(change)}.replaceOne({Ejson(change.Filter!)}, {Ejson(change.After!)}, {{ upsert: true }});",
        SchemaChange.RemoveDocument => $"{Collection(change)}.deleteOne({Ejson(change.Filter!)});",
        SchemaChange.DropCollection => $"{Collection(change)}.drop();",
        _ => throw new InvalidOperationException("unknown schema change " + change.Action),
    };

    private static string Down(SchemaChange change) => change.Action switch
    {
        // A collection the up created is dropped only while it is still empty: the down must not lose what came after.
        SchemaChange.CreateCollection =>
            $"if ({Collection(change)}.countDocuments({{}}) > 0) throw new Error({JsonSerializer.Serialize($"{change.Collection} holds documents now; drop it by hand if that is meant")}); {Collection(change)}.drop();",
        SchemaChange.SetValidation => Command(new BsonDocument("collMod", change.Collection).AddRange(change.Before!)),
        SchemaChange.CreateIndex => Command(new BsonDocument { { "dropIndexes", change.Collection }, { "index", change.After!["name"] } }),
        SchemaChange.DropIndex => Command(new BsonDocument { { "createIndexes", change.Collection }, { "indexes", new BsonArray { change.Before! } } }),
        SchemaChange.UpsertDocument => change.Before is null
            ? $"{Collection(change)}.deleteOne({Ejson(change.Filter!)});"
            : $"{Collection(change)}.replaceOne({Ejson(change.Filter!)}, {Ejson(change.Before)});",
        _ => throw new InvalidOperationException("no down for " + change.Action),
    };

    private static string Collection(SchemaChange change) => $"db.getCollection({JsonSerializer.Serialize(change.Collection)})";

    private static string Command(BsonDocument command) => $"db.runCommand({Ejson(command)});";

    private static string Ejson(BsonDocument document) =>
        $"EJSON.parse({JsonSerializer.Serialize(document.ToJson(new JsonWriterSettings { OutputMode = JsonOutputMode.CanonicalExtendedJson }))})";
}
