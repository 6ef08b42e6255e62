using System.Globalization;
using System.Security.Cryptography;
using Ferry.Core.Hooks;
using Ferry.Core.Yaml;
using MongoDB.Bson;
using YamlDotNet.RepresentationModel;

namespace Ferry.Core.Plans;

/// <summary>
/// Reads a plan file (docs/runs.md). Every mistake is refused before anything runs, as one
/// <see cref="Errors.UserInputException"/> naming FILE:LINE:COLUMN and what was expected: an unknown key or verb, a
/// missing file, a step with no verb or two, a destructive step (migrate, transform, doctor with fix) with no backup
/// step of its database before it.
/// </summary>
public static class PlanParser
{
    public static Plan Load(string path)
    {
        var root = YamlFile.LoadMapping(path);
        var plan = Parse(root, path);
        return plan with { Checksum = Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(path))) };
    }

    private static Plan Parse(YamlMappingNode root, string file)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(file)) ?? ".";
        string? uri = null, database = null, description = null;
        var backupRoot = Path.Combine(folder, "backups");
        var thresholds = new PlanThresholds();
        var probes = new List<PlanProbe>();
        var hooks = new PlanHooks();
        List<PlanStep>? steps = null;
        var keys = new YamlKeyTable(file)
        {
            { "version", _ => { } },
            { "description", v => description = YamlBson.Text(v, file, "a description") },
            { "store", v => (uri, database) = ParseStore(v, file, folder) },
            { "backups", v => backupRoot = Path.Combine(folder, YamlBson.Text(v, file, "a folder for the backups")) },
            { "thresholds", v => thresholds = ParseThresholds(v, file) },
            { "probes", v => probes = YamlValues.Items(v, file, "a list of probe queries", item => ParseProbe(item, file)) },
            { "hooks", v => hooks = ParseHooks(v, file, folder) },
            { "steps", v => steps = YamlValues.Items(v, file, "a list of steps", item => ParseStep(item, file, folder)) },
        };
        keys.Read(root, key => $"unknown key '{key}'; expected one of: {keys.Names}");
        if (steps is null || steps.Count == 0)
        {
            throw YamlFile.Error(file, root, "expected 'steps:' with at least one step");
        }

        CheckSteps(steps, root, file, database);
        return new Plan(file, steps)
        {
            Uri = uri,
            Database = database,
            BackupRoot = backupRoot,
            Thresholds = thresholds,
            Probes = probes,
            Hooks = hooks,
            Description = description,
        };
    }

    /// <summary>Unique names, and a backup of its database before every destructive step.</summary>
    private static void CheckSteps(List<PlanStep> steps, YamlMappingNode root, string file, string? planDatabase)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var backedUp = new HashSet<string>(StringComparer.Ordinal);
        var stepNodes = ((YamlSequenceNode)root.Children[new YamlScalarNode("steps")]).Children;
        for (var i = 0; i < steps.Count; i++)
        {
            var step = steps[i];
            if (!seen.Add(step.Name))
            {
                throw YamlFile.Error(file, stepNodes[i], $"a second step named '{step.Name}'; step names must be unique (--until and --resume name them)");
            }

            if (step.Verb == PlanVerbs.Backup)
            {
                foreach (var db in step.Databases.Count == 0 ? [string.Empty] : step.Databases)
                {
                    backedUp.Add(db == planDatabase ? string.Empty : db);
                }
            }

            if (step.IsDestructive)
            {
                var written = step.Database is null || step.Database == planDatabase ? string.Empty : step.Database;
                if (!backedUp.Contains(written))
                {
                    throw YamlFile.Error(file, stepNodes[i], $"step '{step.Name}' ({step.Verb}{(step.Fix ? " with fix" : string.Empty)}) changes {(written.Length == 0 ? "the plan's database" : "database " + written)}, but no backup step of it comes before it; add a 'backup' step first (automatic rollback restores that backup)");
                }
            }
        }
    }

    /// <summary>The store; an embedded store's relative folder (<c>file:./data</c>) is relative to the plan, like every path in it.</summary>
    private static (string? Uri, string? Database) ParseStore(YamlNode node, string file, string folder)
    {
        string? uri = null, db = null;
        var keys = new YamlKeyTable(file)
        {
            { "uri", v => uri = YamlBson.Text(v, file, "a store URI (file:PATH or mongodb://…)") },
            { "db", v => db = YamlBson.Text(v, file, "a database name") },
        };
        keys.Read(node, "a mapping with uri and db", keys.UnknownFor("store"));
        if (uri is not null && uri.StartsWith("file:", StringComparison.Ordinal) && !Path.IsPathRooted(uri[5..]))
        {
            uri = "file:" + Path.GetFullPath(Path.Combine(folder, uri[5..]));
        }

        return (uri, db);
    }

    private static PlanThresholds ParseThresholds(YamlNode node, string file)
    {
        var t = new PlanThresholds();
        var keys = new YamlKeyTable(file)
        {
            { "error_rate", v => t = t with { ErrorRate = Fraction(v, file) } },
            { "data_loss", v => t = t with { DataLoss = Fraction(v, file) } },
            { "performance_degradation", v => t = t with { PerformanceDegradation = Number(v, file, "a fraction such as 0.20", min: 0) } },
            { "expected_rate", v => t = t with { ExpectedRate = Number(v, file, "documents per second (a positive number)", min: double.Epsilon) } },
            { "latency_floor_ms", v => t = t with { LatencyFloorMs = Number(v, file, "milliseconds (0 or more)", min: 0) } },
            { "minimum_processed", v => t = t with { MinimumProcessed = (long)Number(v, file, "a number of documents (0 or more)", min: 0) } },
        };
        keys.Read(node, "a mapping of thresholds", keys.UnknownFor("thresholds"));
        return t;
    }

    private static PlanProbe ParseProbe(YamlNode node, string file)
    {
        string? name = null, collection = null, database = null;
        var filter = new BsonDocument();
        var runs = 5;
        var keys = new YamlKeyTable(file)
        {
            { "name", v => name = YamlBson.Text(v, file, "a probe name") },
            { "collection", v => collection = YamlBson.Text(v, file, "a collection name") },
            { "db", v => database = YamlBson.Text(v, file, "a database name") },
            { "filter", v => filter = YamlValues.Filter(v, file) },
            { "runs", v => runs = (int)Number(v, file, "how many times to run it (1 to 1000)", min: 1, max: 1000) },
        };
        keys.Read(node, "a probe: a mapping with name, collection and filter", keys.UnknownFor("a probe"));
        if (collection is null)
        {
            throw YamlFile.Error(file, node, "expected 'collection:' in the probe");
        }

        return new PlanProbe(name ?? collection, collection, filter) { Database = database, Runs = runs };
    }

    private static PlanHooks ParseHooks(YamlNode node, string file, string folder)
    {
        var hooks = new PlanHooks();
        List<HookCommand> List(YamlNode v, string group) =>
            YamlValues.Items(v, file, "a list of commands", item => ParseHook(item, file, folder, group));
        var keys = new YamlKeyTable(file)
        {
            { "before", v => hooks = hooks with { Before = List(v, "before") } },
            { "after", v => hooks = hooks with { After = List(v, "after") } },
            { "on_rollback", v => hooks = hooks with { OnRollback = List(v, "on_rollback") } },
            { "after_rollback", v => hooks = hooks with { AfterRollback = List(v, "after_rollback") } },
        };
        keys.Read(node, "a mapping of hook lists", keys.UnknownFor("hooks"));
        return hooks;
    }

    /// <summary>A hook: a shell line, or a mapping with <c>run</c> (a shell line) or <c>argv</c>, and <c>timeout</c> (seconds).</summary>
    internal static HookCommand ParseHook(YamlNode node, string file, string folder, string defaultName)
    {
        if (node is YamlScalarNode)
        {
            return new HookCommand(defaultName) { Shell = YamlBson.Text(node, file, "a shell line"), WorkingDirectory = folder };
        }

        var hook = new HookCommand(defaultName) { WorkingDirectory = folder };
        var keys = new YamlKeyTable(file)
        {
            { "name", v => hook = hook with { Name = YamlBson.Text(v, file, "a hook name") } },
            { "run", v => hook = hook with { Shell = YamlBson.Text(v, file, "a shell line") } },
            { "argv", v => hook = hook with { Arguments = YamlValues.StringList(v, file, "a list of arguments (program first)") } },
            { "timeout", v => hook = hook with { Timeout = TimeSpan.FromSeconds(Number(v, file, "seconds (a positive number)", min: 0.001)) } },
        };
        keys.Read(node, "a shell line, or a mapping with run or argv and timeout", keys.UnknownFor("a hook"));
        if ((hook.Shell is null) == (hook.Arguments.Count == 0))
        {
            throw YamlFile.Error(file, node, "expected exactly one of 'run:' (a shell line) or 'argv:' (a list) in the hook");
        }

        return hook;
    }

    private static PlanStep ParseStep(YamlNode node, string file, string folder)
    {
        if (node is not YamlMappingNode map)
        {
            throw YamlBson.Expected(file, node, "a step: a mapping with name and one verb (" + string.Join(", ", PlanVerbs.All) + ")");
        }

        string? name = null;
        (string Verb, YamlNode Key, YamlNode Value)? verb = null;
        foreach (var (keyNode, value) in map.Children)
        {
            var key = YamlBson.Text(keyNode, file, "a key");
            if (key == "name")
            {
                name = YamlBson.Text(value, file, "a step name");
            }
            else if (PlanVerbs.All.Contains(key))
            {
                if (verb is not null)
                {
                    throw YamlFile.Error(file, keyNode, $"a step runs one verb; this one already runs '{verb.Value.Verb}' (split it into two steps)");
                }

                verb = (key, keyNode, value);
            }
            else
            {
                throw YamlFile.Error(file, keyNode, $"unknown step key '{key}'; expected name and one verb of: {string.Join(", ", PlanVerbs.All)}");
            }
        }

        if (verb is not { } v)
        {
            throw YamlFile.Error(file, node, "expected a verb in the step (one of: " + string.Join(", ", PlanVerbs.All) + ")");
        }

        var step = new PlanStep(name ?? v.Verb, v.Verb, YamlFile.Where(file, node));
        var options = v.Value is YamlScalarNode { Value: "" or null } ? new YamlMappingNode() : v.Value;
        return PlanStepParser.Parse(step, options, file, folder);
    }

    internal static double Fraction(YamlNode node, string file) => Number(node, file, "a fraction between 0 and 1 (0.05 is 5 %)", min: 0, max: 1);

    internal static double Number(YamlNode node, string file, string expected, double min = double.MinValue, double max = double.MaxValue)
    {
        var text = YamlBson.Text(node, file, expected);
        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max
            ? value
            : throw YamlBson.Expected(file, node, expected);
    }

    /// <summary>A file the plan names, resolved against the plan's folder; it must exist.</summary>
    internal static string ExistingPath(YamlNode node, string file, string folder, string what, bool directory = false)
    {
        var path = Path.Combine(folder, YamlBson.Text(node, file, what));
        if (directory ? !Directory.Exists(path) : !System.IO.File.Exists(path))
        {
            throw YamlFile.Error(file, node, $"{(directory ? "no such folder" : "no such file")}: {path} (paths are relative to the plan's folder)");
        }

        return path;
    }
}
