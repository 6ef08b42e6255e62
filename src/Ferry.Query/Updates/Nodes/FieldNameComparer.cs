using Ferry.Query.Common;

namespace Ferry.Query.Updates.Nodes;

/// <summary>
/// The order in which MongoDB (5.0+) applies the fields of an update: names that are both array indexes compare as
/// numbers, anything else by UTF-8 bytes. New fields created by one update therefore appear in this order.
/// </summary>
internal sealed class FieldNameComparer : IComparer<string>
{
    public static readonly FieldNameComparer Instance = new();

    public int Compare(string? x, string? y)
    {
        x ??= "";
        y ??= "";
        if (x.Length != y.Length && IsDigits(x) && IsDigits(y))
        {
            return x.Length.CompareTo(y.Length);
        }

        return BsonValueComparer.CompareStrings(x, y);
    }

    private static bool IsDigits(string s) => s.Length > 0 && s.All(char.IsAsciiDigit);
}
