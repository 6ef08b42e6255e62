namespace Ferry.Core.Validation.Rules;

/// <summary>Values of these fields, together, must be unique in the collection (optionally ignoring case).</summary>
public sealed record UniqueRule(string Collection, IReadOnlyList<string> Fields, bool IgnoreCase, string Location)
{
    public string Id => $"{Collection}:unique({string.Join(",", Fields)}{(IgnoreCase ? ", ignore case" : string.Empty)})";
}
