using Ferry.Query.Common;
using Ferry.Query.Updates.Nodes;
using MongoDB.Bson;

namespace Ferry.Query.Updates.Modifiers;

/// <summary><c>$inc</c> and <c>$mul</c> with MongoDB's numeric promotion; a missing field becomes the operand
/// ($inc) or a zero of the operand's type ($mul).</summary>
internal sealed class ArithmeticNode : ModifierNode
{
    private readonly bool _multiply;
    private readonly BsonValue _operand;

    public ArithmeticNode(bool multiply, BsonElement spec)
    {
        _multiply = multiply;
        if (!BsonTypeOrder.IsNumber(spec.Value))
        {
            throw ErrorCodes.Type("Cannot " + (multiply ? "multiply" : "increment") + " with non-numeric argument: {" +
                                  ShellFormat.Element(spec.Name, spec.Value) + "}");
        }

        _operand = spec.Value;
    }

    public override string OperatorName => _multiply ? "$mul" : "$inc";

    protected override bool AllowCreation => true;

    protected override bool UpdateExisting(ApplyContext context, ElementRef element, IReadOnlyList<string> pathTaken)
    {
        var original = element.Value;
        if (!BsonTypeOrder.IsNumber(original))
        {
            throw ErrorCodes.Type("Cannot apply " + OperatorName + " to a value of non-numeric type. " + context.IdForMessages +
                                  " has the field '" + element.Name + "' of non-numeric type " + ShellFormat.TypeName(original.BsonType));
        }

        var result = _multiply ? NumberMath.Multiply(_operand, original) : NumberMath.Add(_operand, original);
        if (result is null)
        {
            throw ErrorCodes.Bad("Failed to apply " + OperatorName + " operations to current value (" + DebugString(original) +
                                 ") for document " + context.IdForMessages);
        }

        if (BsonIdentity.Equal(result, original))
        {
            return false;
        }

        element.Set(result);
        return true;
    }

    protected override BsonValue NewElementValue(ApplyContext context) =>
        _multiply ? NumberMath.Multiply(_operand, new BsonInt32(0))! : _operand;

    private static string DebugString(BsonValue v) => v.BsonType switch
    {
        BsonType.Int64 => "(NumberLong)" + v.AsInt64,
        BsonType.Int32 => "(NumberInt)" + v.AsInt32,
        BsonType.Double => "(NumberDouble)" + ShellFormat.Value(v),
        _ => "(NumberDecimal)" + v.AsDecimal128,
    };
}
