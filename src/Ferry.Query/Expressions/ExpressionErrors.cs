using Ferry.Query.Common;
using MongoDB.Bson;

namespace Ferry.Query.Expressions;

/// <summary>
/// The errors the expression engine raises, with MongoDB's codes and code names (some codes, such as
/// 168 InvalidPipelineOperator and 241 ConversionFailure, have names <see cref="ErrorCodes"/> does not know).
/// </summary>
internal static class ExpressionErrors
{
    public const int InvalidPipelineOperator = 168;
    public const int ConversionFailure = 241;

    public static MqlException UnknownOperator(string name) =>
        new(InvalidPipelineOperator, "InvalidPipelineOperator", "Unrecognized expression '" + name + "'");

    public static MqlException ArgumentCount(string name, int expected, int actual) =>
        Location(16020, $"Expression {name} takes exactly {expected} arguments. {actual} were passed in.");

    public static MqlException ArgumentRange(string name, int min, int max, int actual) =>
        Location(28667, $"Expression {name} takes at least {min} arguments, and at most {max}, but {actual} were passed in.");

    public static MqlException Conversion(string message) => new(ConversionFailure, "ConversionFailure", message);

    /// <summary>An assertion-style error ("Location&lt;code&gt;") as MongoDB reports uassert codes without a name.</summary>
    public static MqlException Location(int code, string message) => ErrorCodes.Create(code, message);

    public static MqlException Type(string message) => ErrorCodes.Type(message);

    public static MqlException Bad(string message) => ErrorCodes.Bad(message);

    /// <summary>MongoDB's name of a value's type, as <c>$type</c> returns it and error messages print it.</summary>
    public static string TypeName(BsonValue? value) => value is null ? "missing" : TypeName(value.BsonType);

    public static string TypeName(BsonType type) => BsonTypeNames.NameOf(type) ?? "unknown";
}
