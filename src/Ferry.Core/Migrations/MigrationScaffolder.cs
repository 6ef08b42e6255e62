using System.Globalization;
using Ferry.Core.Errors;

namespace Ferry.Core.Migrations;

/// <summary>
/// <c>ferry migrate create NAME</c>: writes a new migration file from a template, with the next version in the
/// folder's style — the next sequence number with the same zero padding (<c>003_…</c> after <c>002_…</c>), or a UTC
/// timestamp (<c>YYYYMMDDHHMMSS-…</c>) when the folder already uses timestamps or one is asked for.
/// </summary>
public static class MigrationScaffolder
{
    public static MigrationCreated Create(string directory, string name, TimeProvider time, bool timestamp = false) =>
        Write(directory, name, time, timestamp, now => Template(name, now));

    /// <summary>A new migration with the given module text (e.g. <c>ferry schema diff --emit-migration</c>'s).</summary>
    public static MigrationCreated Write(string directory, string name, TimeProvider time, bool timestamp, Func<DateTimeOffset, string> text)
    {
        var slug = MigrationFileName.Slug(name);
        Directory.CreateDirectory(directory);
        var versions = Directory.GetFiles(directory, "*.js")
            .Select(p => MigrationFileName.TryParse(Path.GetFileName(p), out var v, out _) ? (MigrationVersion?)v : null)
            .OfType<MigrationVersion>()
            .OrderBy(v => v)
            .ToList();
        var useTimestamp = timestamp || (versions.Count > 0 && versions[^1].Text.Length == 14);
        var now = time.GetUtcNow();
        string fileName;
        if (useTimestamp)
        {
            fileName = $"{now.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture)}-{slug}.js";
        }
        else
        {
            var width = versions.Count > 0 ? Math.Max(3, versions[^1].Text.Length) : 3;
            var next = versions.Count > 0 ? versions[^1].Value + 1 : 1;
            fileName = $"{next.ToString(CultureInfo.InvariantCulture).PadLeft(width, '0')}_{slug}.js";
        }

        var path = Path.Combine(directory, fileName);
        if (File.Exists(path))
        {
            throw new UserInputException($"{path}: already exists");
        }

        File.WriteAllText(path, text(now));
        return new MigrationCreated(path);
    }

    private static string Template(string name, DateTimeOffset now) => $$"""
        // {{name}}
        // Created by ferry migrate create on {{now.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}}.
        // up() applies the change, down() undoes it exactly. Both receive `db` (mongosh's db object:
        // db.users.updateMany(...), db.getCollection(name), db.runCommand(...)) and `client` (client.db(name)).
        // Store calls return their results directly; `await` works on them too. Scripts run sandboxed:
        // no require(), file system or network.
        module.exports = {
          description: {{System.Text.Json.JsonSerializer.Serialize(name)}},

          async up(db, client) {
            // db.users.updateMany({ newField: { $exists: false } }, { $set: { newField: "default" } });
          },

          async down(db, client) {
            // db.users.updateMany({}, { $unset: { newField: "" } });
          },
        };

        """;
}
