using Ferry.Query.Common;
using Ferry.Query.Updates.Nodes;
using MongoDB.Bson;

namespace Ferry.Query.Updates.Modifiers;

/// <summary><c>$bit</c>: and/or/xor with int or long operands, applied in the order given; a missing field starts at
/// int 0.</summary>
internal sealed class BitNode : ModifierNode
{
    private readonly List<(string Op, BsonValue Operand)> _ops = [];

    public BitNode(BsonElement spec)
    {
        const string usage = "You must pass in an embedded document: {$bit: {field: {and/or/xor: #}}";
        if (spec.Value is not BsonDocument ops)
        {
            throw ErrorCodes.Bad("The $bit modifier is not compatible with a " + ShellFormat.TypeName(spec.Value.BsonType) + ". " + usage);
        }

        if (ops.ElementCount == 0)
        {
            throw ErrorCodes.Bad("You must pass in at least one bitwise operation. The format is: {$bit: {field: {and/or/xor: #}}");
        }

        foreach (var op in ops)
        {
            if (op.Name is not ("and" or "or" or "xor"))
            {
                throw ErrorCodes.Bad("The $bit modifier only supports 'and', 'or', and 'xor', not '" + op.Name +
                                     "' which is an unknown operator: {" + ShellFormat.Element(op.Name, op.Value) + "}");
            }

            if (op.Value.BsonType is not (BsonType.Int32 or BsonType.Int64))
            {
                throw ErrorCodes.Bad("The $bit modifier field must be an Integer(32/64 bit); a '" + ShellFormat.TypeName(op.Value.BsonType) +
                                     "' is not supported here: {" + ShellFormat.Element(op.Name, op.Value) + "}");
            }

            _ops.Add((op.Name, op.Value));
        }
    }

    public override string OperatorName => "$bit";

    protected override bool AllowCreation => true;

    protected override bool UpdateExisting(ApplyContext context, ElementRef element, IReadOnlyList<string> pathTaken)
    {
        var original = element.Value;
        if (original.BsonType is not (BsonType.Int32 or BsonType.Int64))
        {
            throw ErrorCodes.Bad("Cannot apply $bit to a value of non-integral type." + context.IdForMessages + " has the field " +
                                 element.Name + " of non-integer type " + ShellFormat.TypeName(original.BsonType));
        }

        var result = Compute(original);
        if (BsonIdentity.Equal(result, original))
        {
            return false;
        }

        element.Set(result);
        return true;
    }

    protected override BsonValue NewElementValue(ApplyContext context) => Compute(new BsonInt32(0));

    private BsonValue Compute(BsonValue start)
    {
        var value = start;
        foreach (var (op, operand) in _ops)
        {
            value = NumberMath.Bitwise(op, value, operand);
        }

        return value;
    }
}
