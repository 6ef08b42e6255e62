using MongoDB.Bson;

namespace Ferry.Store.Conformance.Spec;

/// <summary>Evaluates <c>runOnRequirements</c> against the store: every list must have one satisfied entry.</summary>
public static class RunOnRequirements
{
    public static bool Satisfied(SpecTest test, SpecEnvironment environment) =>
        test.RunOn.All(list => list.Any(requirement => Satisfied(requirement, environment)));

    /// <summary>Why the requirements exclude the store, e.g. "needs one of [{maxServerVersion: '4.2.99'}]; the store is 8.0.0 standalone".</summary>
    public static string? Explain(SpecTest test, SpecEnvironment environment)
    {
        var unmet = test.RunOn.FirstOrDefault(list => !list.Any(requirement => Satisfied(requirement, environment)));
        return unmet is null
            ? null
            : $"needs one of {new BsonArray(unmet).ToJson()}; the store counts as MongoDB {environment.ServerVersion} {environment.Topology}";
    }

    private static bool Satisfied(BsonDocument requirement, SpecEnvironment environment)
    {
        foreach (var element in requirement)
        {
            var ok = element.Name switch
            {
                "minServerVersion" => environment.ServerVersion >= Parse(element.Value.AsString),
                "maxServerVersion" => environment.ServerVersion <= Parse(element.Value.AsString, upper: true),
                "topologies" => element.Value.AsBsonArray.Any(t => Topology(t.AsString) == environment.Topology),
                "serverless" => element.Value.AsString != "require",
                "auth" => !element.Value.ToBoolean(),
                "authMechanism" => false,
                "csfle" => !element.Value.ToBoolean(),
                "serverParameters" => false,
                _ => false,
            };
            if (!ok)
            {
                return false;
            }
        }

        return true;
    }

    private static string Topology(string name) => name switch
    {
        "single" => "standalone",
        "replicaset" => "replicaSet",
        "sharded" or "sharded-replicaset" or "load-balanced" => "sharded",
        _ => name,
    };

    /// <summary>"4.2" means 4.2.0 as a minimum and 4.2.x (any patch) as a maximum.</summary>
    private static Version Parse(string text, bool upper = false)
    {
        var parts = text.Split('.').Select(int.Parse).ToList();
        while (parts.Count < 3)
        {
            parts.Add(upper ? int.MaxValue : 0);
        }

        return new Version(parts[0], parts[1], parts[2]);
    }
}
