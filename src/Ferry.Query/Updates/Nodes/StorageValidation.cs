using Ferry.Query.Common;
using MongoDB.Bson;

namespace Ferry.Query.Updates.Nodes;

/// <summary>
/// MongoDB's storage checks for what an update writes (5.0+ rules): a top-level field name may not start with '$'
/// (DBRef fields excepted), and <c>_id</c> may not be an array, regex or undefined.
/// </summary>
internal static class StorageValidation
{
    /// <summary>Checks an element an update created or changed, at depth <paramref name="level"/> (1 = top level).</summary>
    public static void CheckUpdatedElement(string name, int level, bool isArrayItem)
    {
        if (level == 1 && !isArrayItem && name.StartsWith('$') && name is not ("$ref" or "$id" or "$db"))
        {
            throw DollarPrefixed(name, name);
        }
    }

    /// <summary>Checks a whole document (replacement or upsert) before it is stored.</summary>
    public static void CheckDocument(BsonDocument document, bool allowTopLevelDollarPrefixes)
    {
        foreach (var element in document)
        {
            if (element.Name == "_id")
            {
                CheckId(element.Value);
            }

            if (!allowTopLevelDollarPrefixes && element.Name.StartsWith('$') && element.Name is not ("$ref" or "$id" or "$db"))
            {
                throw DollarPrefixed(element.Name, element.Name);
            }
        }
    }

    public static void CheckId(BsonValue id)
    {
        if (id.BsonType is BsonType.Array or BsonType.RegularExpression or BsonType.Undefined)
        {
            throw ErrorCodes.Create(ErrorCodes.InvalidIdField, "The '_id' value cannot be of type " + ShellFormat.TypeName(id.BsonType));
        }

        if (id is BsonDocument d && d.Names.FirstOrDefault(n => n.StartsWith('$') && n is not ("$ref" or "$id" or "$db")) is { } bad)
        {
            throw ErrorCodes.Create(ErrorCodes.DollarPrefixedFieldName,
                "_id fields may not contain '$'-prefixed fields: " + bad + " is not valid for storage.");
        }
    }

    private static MqlException DollarPrefixed(string name, string fullName) =>
        ErrorCodes.Create(ErrorCodes.DollarPrefixedFieldName,
            "The dollar ($) prefixed field '" + name + "' in '" + fullName +
            "' is not allowed in the context of an update's replacement document. Consider using an aggregation pipeline with $replaceWith.");
}
