namespace Ferry.Core.Assessment;

/// <summary>
/// Scores a collection's migration complexity from what analyze measured, each reason with its points: size,
/// fields holding more than one type, nesting depth, references (more in a cycle), documents above the size
/// threshold, optional fields. Also names the guide's migration kinds the shape calls for.
/// </summary>
public static class ComplexityScorer
{
    public const string DemoToProd = "demo-to-prod";
    public const string Schema = "schema";
    public const string Format = "format";
    public const string Upgrade = "upgrade";

    public static Complexity Score(CollectionAnalysis collection, IReadOnlyList<InferredReference> references, IReadOnlyList<IReadOnlyList<string>> cycles)
    {
        var reasons = new List<(int Points, string Reason)>();
        var sizePoints = collection.Count switch { >= 10_000_000 => 4, >= 1_000_000 => 3, >= 100_000 => 2, >= 10_000 => 1, _ => 0 };
        if (sizePoints > 0)
        {
            reasons.Add((sizePoints, $"+{sizePoints} size: {collection.Count:N0} documents"));
        }

        foreach (var field in collection.Fields.Where(f => f.Types.Count(t => t.Type != "null") > 1))
        {
            reasons.Add((2, $"+2 type variety: {field.Path} holds {string.Join(", ", field.Types.Select(t => t.Type))}"));
        }

        if (collection.MaxDepth > 3)
        {
            reasons.Add((collection.MaxDepth - 3, $"+{collection.MaxDepth - 3} depth: documents nest {collection.MaxDepth} levels"));
        }

        foreach (var reference in references.Where(r => r.Collection == collection.Name))
        {
            reasons.Add((1, $"+1 reference: {reference}"));
        }

        if (cycles.Any(c => c.Contains(collection.Name)))
        {
            reasons.Add((3, "+3 reference cycle: no order loads it after everything it references"));
        }

        if (collection.LargeDocuments > 0)
        {
            reasons.Add((2, $"+2 large documents: {collection.LargeDocuments:N0} sampled documents above the size threshold (max {collection.MaxDocumentSize:N0} bytes)"));
        }

        var optional = collection.Fields.Count(f => !f.Always && !f.Path.Contains("[]", StringComparison.Ordinal) && !f.Path.Contains('.', StringComparison.Ordinal));
        if (optional > 0)
        {
            reasons.Add((1, $"+1 optional fields: {optional} top-level field(s) missing from some documents"));
        }

        return new Complexity(reasons.Sum(r => r.Points), reasons.Select(r => r.Reason).ToList());
    }

    /// <summary>The guide's migration kinds the collection suits, each as "kind: why".</summary>
    public static IReadOnlyList<string> Kinds(CollectionAnalysis collection)
    {
        var kinds = new List<string>();
        if (collection.DemoMarkedDocuments > 0)
        {
            kinds.Add($"{DemoToProd}: {collection.DemoMarkedDocuments:N0} sampled documents carry demo markers");
        }

        var optional = collection.Fields.Count(f => !f.Always && !f.Path.Contains('.', StringComparison.Ordinal) && !f.Path.Contains("[]", StringComparison.Ordinal));
        if (collection.Validator is null || optional > 0)
        {
            var why = collection.Validator is null ? "no validator" : "";
            why += optional > 0 ? (why.Length > 0 ? " and " : "") + $"{optional} optional top-level field(s)" : "";
            kinds.Add($"{Schema}: {why}; a validator and required fields would fix the shape");
        }

        var mixed = collection.Fields.Where(f => f.Types.Count(t => t.Type != "null") > 1).Select(f => f.Path).ToList();
        if (mixed.Count > 0)
        {
            kinds.Add($"{Format}: {string.Join(", ", mixed)} hold more than one type");
        }

        if (collection.Count >= 1_000_000 || collection.DataSize >= 10L * 1024 * 1024 * 1024)
        {
            kinds.Add($"{Upgrade}: {collection.Count:N0} documents / {collection.DataSize:N0} bytes need an extended window");
        }

        return kinds;
    }

    /// <summary>The overall score: the collections' scores added, plus 3 per cycle; its level is the highest
    /// collection's (high when there is a cycle), since one hard collection makes the whole migration hard.</summary>
    public static Complexity Overall(IReadOnlyList<CollectionAnalysis> collections, IReadOnlyList<IReadOnlyList<string>> cycles)
    {
        var reasons = collections.Where(c => c.Complexity.Score > 0).Select(c => $"+{c.Complexity.Score} {c.Name} ({c.Complexity.Level})").ToList();
        reasons.AddRange(cycles.Select(c => "+3 cycle " + string.Join(" → ", c)));
        var levels = new[] { "low", "medium", "high" };
        var level = cycles.Count > 0 ? "high" : collections.Select(c => c.Complexity.Level).DefaultIfEmpty("low").MaxBy(l => Array.IndexOf(levels, l))!;
        return new Complexity(collections.Sum(c => c.Complexity.Score) + (3 * cycles.Count), reasons, level);
    }
}
