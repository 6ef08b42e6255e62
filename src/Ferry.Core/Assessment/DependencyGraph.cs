namespace Ferry.Core.Assessment;

/// <summary>
/// Orders collections so each comes after the collections it references (users before assessments before reports),
/// and names the cycles (strongly connected components, Tarjan) that make a strict order impossible. Collections of
/// one cycle come together, by name; otherwise ties keep name order.
/// </summary>
public static class DependencyGraph
{
    public static (IReadOnlyList<string> Order, IReadOnlyList<IReadOnlyList<string>> Cycles) Analyze(IReadOnlyList<string> collections, IReadOnlyList<InferredReference> references)
    {
        var edges = collections.ToDictionary(c => c, _ => new SortedSet<string>(StringComparer.Ordinal), StringComparer.Ordinal);
        foreach (var reference in references.Where(r => edges.ContainsKey(r.Collection) && edges.ContainsKey(r.Target)))
        {
            edges[reference.Collection].Add(reference.Target);
        }

        // Tarjan emits components in reverse topological order of the condensation: a component comes after
        // every component it can reach, i.e. the referenced collections come first — the order we want.
        var order = new List<string>();
        var cycles = new List<IReadOnlyList<string>>();
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        var low = new Dictionary<string, int>(StringComparer.Ordinal);
        var stack = new Stack<string>();
        var onStack = new HashSet<string>(StringComparer.Ordinal);
        var counter = 0;

        void Connect(string node)
        {
            index[node] = low[node] = counter++;
            stack.Push(node);
            onStack.Add(node);
            foreach (var next in edges[node])
            {
                if (index.TryGetValue(next, out var seen))
                {
                    if (onStack.Contains(next))
                    {
                        low[node] = Math.Min(low[node], seen);
                    }
                }
                else
                {
                    Connect(next);
                    low[node] = Math.Min(low[node], low[next]);
                }
            }

            if (low[node] != index[node])
            {
                return;
            }

            var component = new List<string>();
            string member;
            do
            {
                member = stack.Pop();
                onStack.Remove(member);
                component.Add(member);
            }
            while (member != node);

            component.Sort(StringComparer.Ordinal);
            order.AddRange(component);
            if (component.Count > 1 || edges[node].Contains(node))
            {
                cycles.Add(CyclePath(component, edges));
            }
        }

        foreach (var collection in collections.OrderBy(c => c, StringComparer.Ordinal))
        {
            if (!index.ContainsKey(collection))
            {
                Connect(collection);
            }
        }

        return (order, cycles);
    }

    /// <summary>A walk around the cycle from its first member by name, following references inside the component.</summary>
    private static List<string> CyclePath(List<string> component, Dictionary<string, SortedSet<string>> edges)
    {
        var members = component.ToHashSet(StringComparer.Ordinal);
        var path = new List<string> { component[0] };
        var current = component[0];
        while (true)
        {
            var next = edges[current].FirstOrDefault(n => members.Contains(n) && (n == component[0] || !path.Contains(n)));
            if (next is null || next == component[0])
            {
                path.Add(component[0]);
                return path;
            }

            path.Add(next);
            current = next;
        }
    }
}
