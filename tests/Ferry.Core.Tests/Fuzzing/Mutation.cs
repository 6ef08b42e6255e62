using CsCheck;

namespace Ferry.Core.Tests.Fuzzing;

/// <summary>
/// One edit of a valid input, the way files get damaged: a flipped bit, a replaced byte, a cut, a deleted range, or a
/// range of bytes repeated (a length or a header copied where it does not belong).
/// </summary>
internal sealed record Mutation(int Kind, int Position, byte Value, int Length)
{
    /// <summary>One to eight edits.</summary>
    public static Gen<Mutation[]> Edits { get; } =
        Gen.Select(Gen.Int[0, 4], Gen.Int[0, 1 << 20], Gen.Byte, Gen.Int[1, 24], (kind, position, value, length) => new Mutation(kind, position, value, length)).Array[1, 8];

    public static byte[] Apply(byte[] input, IEnumerable<Mutation> edits)
    {
        var bytes = input.ToList();
        foreach (var edit in edits)
        {
            if (bytes.Count == 0)
            {
                break;
            }

            var at = edit.Position % bytes.Count;
            var length = Math.Min(edit.Length, bytes.Count - at);
            switch (edit.Kind)
            {
                case 0:
                    bytes[at] ^= (byte)(1 << (edit.Value % 8));
                    break;
                case 1:
                    bytes[at] = edit.Value;
                    break;
                case 2:
                    bytes.RemoveRange(at, bytes.Count - at);
                    break;
                case 3:
                    bytes.RemoveRange(at, length);
                    break;
                default:
                    bytes.InsertRange(at, bytes.GetRange(at, length));
                    break;
            }
        }

        return [.. bytes];
    }

    public static string Describe(Mutation[] edits) => string.Join(", ", edits.Select(e => $"{e.Kind}@{e.Position}:{e.Value}/{e.Length}"));
}
