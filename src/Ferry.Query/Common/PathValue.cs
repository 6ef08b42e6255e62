using MongoDB.Bson;

namespace Ferry.Query.Common;

/// <summary>
/// One value reached by walking a dotted path through a document (see <see cref="FieldPath.Traverse(BsonDocument, string, bool)"/>).
/// </summary>
/// <param name="Value">The value, or null when the path does not exist at this point (MongoDB's "missing").</param>
/// <param name="ArrayPosition">Index in the first (outermost) array crossed on the way, which positional <c>$</c> uses.</param>
/// <param name="IsWholeLeafArray">True when <paramref name="Value"/> is a leaf array whose elements were also yielded one by one.</param>
public readonly record struct PathValue(BsonValue? Value, int? ArrayPosition, bool IsWholeLeafArray);
