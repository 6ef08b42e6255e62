using MongoDB.Bson;

namespace Ferry.Core.Assessment;

/// <summary>
/// A field whose values are another collection's <c>_id</c>s: <see cref="Matched"/> of <see cref="Checked"/>
/// sampled values exist there. A ratio below 1 means orphans (or a coincidence, when it is low).
/// </summary>
public sealed record InferredReference(string Collection, string Field, string Target, long Checked, long Matched)
{
    public double Ratio => Checked == 0 ? 0 : (double)Matched / Checked;

    /// <summary>The field as the validation rules name it (an array path <c>tags[]</c> is checked as <c>tags</c>).</summary>
    public string RuleField => Field.Replace("[]", "", StringComparison.Ordinal);

    public override string ToString() => $"{Collection}.{Field} → {Target}._id";

    public BsonDocument ToBson() => new()
    {
        { "collection", Collection },
        { "field", Field },
        { "to", Target + "._id" },
        { "checked", Checked },
        { "matched", Matched },
        { "ratio", Math.Round(Ratio, 4) },
    };

    public static InferredReference FromBson(BsonDocument document) => new(
        document["collection"].AsString,
        document["field"].AsString,
        document["to"].AsString[..^4],
        document["checked"].ToInt64(),
        document["matched"].ToInt64());
}
