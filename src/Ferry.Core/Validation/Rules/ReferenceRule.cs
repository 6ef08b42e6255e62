namespace Ferry.Core.Validation.Rules;

/// <summary><c>Collection.Field</c> (a value or an array of values) must name an existing <c>TargetCollection.TargetField</c>.</summary>
public sealed record ReferenceRule(string Collection, string Field, string TargetCollection, string TargetField, bool AllowNull, string Location)
{
    public string Id => $"{Collection}.{Field} -> {TargetCollection}.{TargetField}";
}
