using System.Globalization;
using MongoDB.Bson;

namespace Ferry.Query.Common;

/// <summary>
/// Reads dotted paths (<c>"a.b.0.c"</c>) from documents with MongoDB's rules, shared by the matcher, sort,
/// projection, updates and index lookups so they all agree on what a path reaches.
/// </summary>
public static partial class FieldPath
{
    /// <summary>Splits a dotted path into its components.</summary>
    public static string[] Split(string path) => path.Split('.');

    /// <summary>
    /// True when <paramref name="component"/> addresses array element <paramref name="index"/>: MongoDB compares the
    /// component with the element's field name ("0", "1", ...), so "01" never addresses element 1.
    /// </summary>
    public static bool IsIndexOf(string component, int index) =>
        component.Length > 0 && char.IsAsciiDigit(component[0]) && component == index.ToString(CultureInfo.InvariantCulture);

    /// <summary>Parses a component that is an array index ("0", "12"; not "01" or "-1"); null otherwise.</summary>
    public static int? AsIndex(string component)
    {
        if (component.Length == 0 || component.Length > 9 || (component.Length > 1 && component[0] == '0'))
        {
            return null;
        }

        foreach (var c in component)
        {
            if (!char.IsAsciiDigit(c))
            {
                return null;
            }
        }

        return int.Parse(component, CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// Every value the path reaches, with the query matcher's array rules (MongoDB's BSONElementIterator): arrays met
    /// before the end of the path are crossed (each embedded document continues the path with the same component; a
    /// numeric component also selects that element, and then a nested array is crossed too), a scalar or absent field
    /// before the end yields "missing" (null), and a leaf array yields each element and then itself (elements only
    /// when <paramref name="expandLeafArrays"/>; a leaf reached by an explicit index is never expanded).
    /// </summary>
    public static IEnumerable<PathValue> Traverse(BsonDocument document, string path, bool expandLeafArrays = true) =>
        Traverse(document, Split(path), expandLeafArrays);

    /// <inheritdoc cref="Traverse(BsonDocument, string, bool)"/>
    public static IEnumerable<PathValue> Traverse(BsonDocument document, string[] components, bool expandLeafArrays = true) =>
        Walk(document, components, 0, null, expandLeafArrays);

    /// <summary>
    /// The single value at a path without crossing arrays implicitly: documents by field name, arrays only by a numeric
    /// component. False when the path does not exist.
    /// </summary>
    public static bool TryGetValue(BsonDocument document, string path, out BsonValue value)
    {
        BsonValue current = document;
        foreach (var component in Split(path))
        {
            switch (current)
            {
                case BsonDocument d when d.TryGetValue(component, out var next):
                    current = next;
                    break;
                case BsonArray a when AsIndex(component) is { } i && i < a.Count:
                    current = a[i];
                    break;
                default:
                    value = BsonNull.Value;
                    return false;
            }
        }

        value = current;
        return true;
    }

    private static IEnumerable<PathValue> Walk(BsonValue? value, string[] parts, int next, int? outer, bool expand)
    {
        while (true)
        {
            if (next == parts.Length)
            {
                if (value is BsonArray leaf)
                {
                    if (expand)
                    {
                        for (var k = 0; k < leaf.Count; k++)
                        {
                            yield return new PathValue(leaf[k], outer ?? k, false);
                        }
                    }

                    yield return new PathValue(leaf, outer, expand);
                    yield break;
                }

                yield return new PathValue(value, outer, false);
                yield break;
            }

            switch (value)
            {
                case BsonDocument d:
                    value = d.TryGetValue(parts[next], out var child) ? child : null;
                    next++;
                    continue;
                case BsonArray array:
                    var component = parts[next];
                    var last = next + 1 == parts.Length;
                    for (var k = 0; k < array.Count; k++)
                    {
                        var element = array[k];
                        if (element is BsonDocument)
                        {
                            // Implicit traversal: the component names a field of the embedded document.
                            foreach (var found in Walk(element, parts, next, outer ?? k, expand))
                            {
                                yield return found;
                            }
                        }

                        if (!IsIndexOf(component, k))
                        {
                            continue;
                        }

                        // Explicit index: no array position is recorded and a leaf reached this way is not expanded.
                        if (last)
                        {
                            yield return new PathValue(element, outer, false);
                        }
                        else if (element is BsonDocument or BsonArray)
                        {
                            foreach (var found in Walk(element, parts, next + 1, outer, expand))
                            {
                                yield return found;
                            }
                        }
                    }

                    yield break;
                default:
                    yield return new PathValue(null, outer, false);
                    yield break;
            }
        }
    }
}
