using Ferry.Core.Errors;

namespace Ferry.Core.Transform.Rules;

/// <summary>
/// Orders target collections so each runs after the collections whose id maps it reads (users before assessments
/// before reports). Ties keep file order. A cycle, or a map_id to a collection the file does not produce, is an error.
/// </summary>
public static class DependencyOrder
{
    public static IReadOnlyList<CollectionMapping> Sort(IReadOnlyList<CollectionMapping> mappings)
    {
        var byName = mappings.ToDictionary(m => m.Target);
        foreach (var m in mappings)
        {
            foreach (var dependency in m.DependsOn.Where(d => !byName.ContainsKey(d)))
            {
                throw new UserInputException($"{m.Location}: '{m.Target}' maps ids through '{dependency}', which this file does not produce");
            }
        }

        var ordered = new List<CollectionMapping>();
        var state = new Dictionary<string, int>(); // 1 visiting, 2 done
        foreach (var m in mappings)
        {
            Visit(m, byName, state, ordered, []);
        }

        return ordered;
    }

    private static void Visit(CollectionMapping m, Dictionary<string, CollectionMapping> byName, Dictionary<string, int> state, List<CollectionMapping> ordered, List<string> path)
    {
        if (state.GetValueOrDefault(m.Target) == 2)
        {
            return;
        }

        if (state.GetValueOrDefault(m.Target) == 1)
        {
            throw new UserInputException($"{m.Location}: map_id references form a cycle: {string.Join(" → ", path.SkipWhile(p => p != m.Target).Append(m.Target))}");
        }

        state[m.Target] = 1;
        path.Add(m.Target);
        foreach (var dependency in m.DependsOn.Where(d => d != m.Target))
        {
            Visit(byName[dependency], byName, state, ordered, path);
        }

        path.RemoveAt(path.Count - 1);
        state[m.Target] = 2;
        ordered.Add(m);
    }
}
