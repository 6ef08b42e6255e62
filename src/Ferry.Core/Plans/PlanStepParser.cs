using Ferry.Core.Yaml;
using MongoDB.Bson;
using YamlDotNet.RepresentationModel;

namespace Ferry.Core.Plans;

/// <summary>Reads the options of one step's verb (the mapping under <c>backup:</c>, <c>transform:</c>, …).</summary>
internal static class PlanStepParser
{
    public static PlanStep Parse(PlanStep step, YamlNode options, string file, string folder)
    {
        var keys = new YamlKeyTable(file);
        switch (step.Verb)
        {
            case PlanVerbs.Backup:
                keys.Add("tag", v => step = step with { Tag = Tag(v, file) });
                keys.Add("verified", v => step = step with { Verified = Bool(v, file) });
                keys.Add("databases", v => step = step with { Databases = YamlValues.StringList(v, file, "a list of database names") });
                break;
            case PlanVerbs.Health:
                keys.Add("db", v => step = step with { Database = Text(v, file) });
                break;
            case PlanVerbs.Migrate:
                keys.Add("migrations", v => step = step with { Migrations = PlanParser.ExistingPath(v, file, folder, "the migrations folder", directory: true) });
                keys.Add("to", v => step = step with { ToVersion = YamlBson.Text(v, file, "a migration version") });
                keys.Add("db", v => step = step with { Database = Text(v, file) });
                break;
            case PlanVerbs.Transform:
                keys.Add("rules", v => step = step with { Rules = PlanParser.ExistingPath(v, file, folder, "a rules file") });
                keys.Add("source_db", v => step = step with { SourceDatabase = Text(v, file) });
                keys.Add("target_db", v => step = step with { Database = Text(v, file) });
                keys.Add("batch_size", v => step = step with { BatchSize = (int)PlanParser.Number(v, file, "a batch size (1 or more)", min: 1, max: 1_000_000) });
                keys.Add("password_hash_cost", v => step = step with { PasswordHashCost = (int)PlanParser.Number(v, file, "a cost (4 to 31)", min: 4, max: 31) });
                break;
            case PlanVerbs.Validate:
                keys.Add("rules", v => step = step with { Rules = PlanParser.ExistingPath(v, file, folder, "a rules file") });
                keys.Add("db", v => step = step with { Database = Text(v, file) });
                keys.Add("report_only", v => step = step with { ReportOnly = Bool(v, file) });
                break;
            case PlanVerbs.Doctor:
                keys.Add("rules", v => step = step with { Rules = PlanParser.ExistingPath(v, file, folder, "a rules file") });
                keys.Add("fix", v => step = step with { Fix = Bool(v, file) });
                keys.Add("db", v => step = step with { Database = Text(v, file) });
                break;
            case PlanVerbs.Smoke:
                keys.Add("query", v => step = ParseQuery(step, v, file));
                keys.Add("http", v => step = ParseHttp(step, v, file));
                keys.Add("after_rollback", v => step = step with { AfterRollback = Bool(v, file) });
                break;
            case PlanVerbs.Hook:
                return step with { Command = PlanParser.ParseHook(options, file, folder, step.Name) };
            case PlanVerbs.Report:
                keys.Add("path", v => step = step with { Path = Path.Combine(folder, YamlBson.Text(v, file, "a file path")) });
                break;
        }

        keys.Read(options, $"the options of {step.Verb} (a mapping)", keys.UnknownFor($"a {step.Verb} step"));
        return Require(step, options, file);
    }

    private static PlanStep Require(PlanStep step, YamlNode node, string file)
    {
        string? missing = step.Verb switch
        {
            PlanVerbs.Migrate when step.Migrations is null => "migrations: the migrations folder",
            PlanVerbs.Transform when step.Rules is null => "rules: the transformation rules file",
            PlanVerbs.Transform when step.SourceDatabase is null => "source_db: the database the transform reads",
            PlanVerbs.Validate or PlanVerbs.Doctor when step.Rules is null => "rules: the validation rules file",
            PlanVerbs.Smoke when step.Collection is null && step.Url is null => "query: or http: (what to check)",
            PlanVerbs.Report when step.Path is null => "path: the file to write the report to",
            _ => null,
        };
        return missing is null ? step : throw YamlFile.Error(file, node, $"step '{step.Name}' ({step.Verb}): expected {missing}");
    }

    private static PlanStep ParseQuery(PlanStep step, YamlNode node, string file)
    {
        var keys = new YamlKeyTable(file)
        {
            { "collection", v => step = step with { Collection = Text(v, file) } },
            { "db", v => step = step with { Database = Text(v, file) } },
            { "filter", v => step = step with { Filter = YamlValues.Filter(v, file) } },
            { "count", v => step = step with { ExpectedCount = (long)PlanParser.Number(v, file, "the expected number of documents", min: 0) } },
            { "match", v => step = step with { ExpectedMatch = YamlBson.ToDocument(v, file) } },
        };
        keys.Read(node, "a query: collection, filter and count or match", keys.UnknownFor("a smoke query"));
        if (step.Collection is null || (step.ExpectedCount is null && step.ExpectedMatch is null))
        {
            throw YamlFile.Error(file, node, "expected collection: and count: or match: in the smoke query");
        }

        return step;
    }

    private static PlanStep ParseHttp(PlanStep step, YamlNode node, string file)
    {
        var keys = new YamlKeyTable(file)
        {
            { "url", v => step = step with { Url = Uri.TryCreate(YamlBson.Text(v, file, "a URL"), UriKind.Absolute, out var url) && url.Scheme is "http" or "https" ? url.ToString() : throw YamlBson.Expected(file, v, "an http:// or https:// URL") } },
            { "status", v => step = step with { ExpectedStatus = (int)PlanParser.Number(v, file, "an HTTP status (100 to 599)", min: 100, max: 599) } },
        };
        keys.Read(node, "an http check: url and status", keys.UnknownFor("an http smoke check"));
        return step.Url is null ? throw YamlFile.Error(file, node, "expected url: in the http check") : step;
    }

    /// <summary>A tag, where <c>{run}</c> stands for the plan run's id.</summary>
    private static string Tag(YamlNode node, string file)
    {
        var tag = YamlBson.Text(node, file, "a backup tag");
        try
        {
            Backup.BackupTag.Validate(tag.Replace("{run}", "run", StringComparison.Ordinal), "tag");
            return tag;
        }
        catch (Errors.UserInputException e)
        {
            throw YamlFile.Error(file, node, e.Message);
        }
    }

    private static string Text(YamlNode node, string file) => YamlBson.Text(node, file, "a name");

    private static bool Bool(YamlNode node, string file) =>
        YamlBson.ToBson(node, file) is BsonBoolean b ? b.Value : throw YamlBson.Expected(file, node, "true or false");
}
