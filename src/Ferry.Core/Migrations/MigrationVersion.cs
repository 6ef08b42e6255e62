using System.Globalization;

namespace Ferry.Core.Migrations;

/// <summary>
/// A migration's version as written in its file name (<c>001</c>, <c>20240315093000</c>) or attribute: ordered by
/// numeric value, so <c>2</c> &lt; <c>010</c> and sequence numbers and timestamps both sort naturally; two spellings of
/// one number (<c>1</c> and <c>001</c>) are the same version.
/// </summary>
public readonly record struct MigrationVersion : IComparable<MigrationVersion>
{
    private MigrationVersion(string text, decimal value)
    {
        Text = text;
        Value = value;
    }

    /// <summary>The version as written (leading zeros kept), used in the changelog and messages.</summary>
    public string Text { get; }

    public decimal Value { get; }

    public static MigrationVersion Parse(string text) =>
        TryParse(text, out var version)
            ? version
            : throw new Errors.UserInputException($"version '{text}': expected digits, such as 001 or 20240315093000");

    public static bool TryParse(string? text, out MigrationVersion version)
    {
        version = default;
        if (string.IsNullOrEmpty(text) || text.Length > 28 || !text.All(char.IsAsciiDigit))
        {
            return false;
        }

        version = new MigrationVersion(text, decimal.Parse(text, NumberStyles.None, CultureInfo.InvariantCulture));
        return true;
    }

    public int CompareTo(MigrationVersion other) => Value.CompareTo(other.Value);

    public bool Equals(MigrationVersion other) => Value == other.Value;

    public override int GetHashCode() => Value.GetHashCode();

    public override string ToString() => Text;

    public static bool operator <(MigrationVersion left, MigrationVersion right) => left.CompareTo(right) < 0;

    public static bool operator >(MigrationVersion left, MigrationVersion right) => left.CompareTo(right) > 0;

    public static bool operator <=(MigrationVersion left, MigrationVersion right) => left.CompareTo(right) <= 0;

    public static bool operator >=(MigrationVersion left, MigrationVersion right) => left.CompareTo(right) >= 0;
}
