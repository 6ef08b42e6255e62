using Ferry.Core.Errors;

namespace Ferry.Core.Migrations;

/// <summary>
/// JavaScript migrations in a folder: every <c>*.js</c> file named <c>NNN_name.js</c> or
/// <c>YYYYMMDDHHMMSS-name.js</c>, with <c>NNN_name.down.js</c> as the down part of a mongosh script migration
/// (files starting with <c>_</c> or <c>.</c> are skipped; any other <c>.js</c> file is
/// an error, so a misnamed migration is never silently left out). Each file is read, checksummed and inspected
/// (syntax, exported parts) by the script runner.
/// </summary>
public sealed class ScriptMigrationSource(string directory, IMigrationScriptRunner runner) : IMigrationSource
{
    public string Directory { get; } = directory;

    public IReadOnlyList<Migration> Load()
    {
        if (!System.IO.Directory.Exists(Directory))
        {
            throw new UserInputException($"--dir {Directory}: migrations folder not found (create it, or run ferry migrate create NAME)");
        }

        string[] files;
        try
        {
            files = System.IO.Directory.GetFiles(Directory, "*.js", SearchOption.TopDirectoryOnly);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UserInputException($"--dir {Directory}: cannot read the migrations folder: {e.Message}", e);
        }

        // NAME.down.js is the down part of the mongosh script NAME.js, not a migration of its own.
        var downs = files.Where(f => f.EndsWith(DownSuffix, StringComparison.Ordinal)).ToDictionary(f => f[..^DownSuffix.Length] + ".js", StringComparer.Ordinal);
        if (downs.FirstOrDefault(d => !files.Contains(d.Key, StringComparer.Ordinal)) is { Value: { } orphan })
        {
            throw new UserInputException($"{orphan}: a down part without its migration ({Path.GetFileName(orphan)[..^DownSuffix.Length]}.js)");
        }

        var migrations = new List<Migration>();
        foreach (var path in files.Order(StringComparer.Ordinal))
        {
            var fileName = Path.GetFileName(path);
            if (fileName.StartsWith('_') || fileName.StartsWith('.') || fileName.EndsWith(DownSuffix, StringComparison.Ordinal))
            {
                continue;
            }

            if (!MigrationFileName.TryParse(fileName, out var version, out var description))
            {
                throw new UserInputException($"{path}: not a migration file name; expected NNN_name.js or YYYYMMDDHHMMSS-name.js (prefix helpers with _ to skip them)");
            }

            var text = Read(path);
            var script = new MigrationScript(fileName, text);
            if (downs.TryGetValue(path, out var downPath))
            {
                script = script with { DownFileName = Path.GetFileName(downPath), DownText = Read(downPath) };
            }

            var info = runner.Inspect(script);
            migrations.Add(new Migration(version, info.Description ?? description, fileName, MigrationChecksum.Compute(text), info.HasDown, new ScriptMigrationBody(script, runner)));
        }

        return new CompositeMigrationSource([new FixedMigrationSource(migrations)]).Load();
    }

    private const string DownSuffix = ".down.js";

    private static string Read(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UserInputException($"{path}: cannot read: {e.Message}", e);
        }
    }

    private sealed class FixedMigrationSource(IReadOnlyList<Migration> migrations) : IMigrationSource
    {
        public IReadOnlyList<Migration> Load() => migrations;
    }
}
