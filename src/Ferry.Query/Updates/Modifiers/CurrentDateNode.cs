using Ferry.Query.Common;
using Ferry.Query.Updates.Nodes;
using MongoDB.Bson;

namespace Ferry.Query.Updates.Modifiers;

/// <summary><c>$currentDate</c>: the current time from <see cref="QueryContext.Time"/> as a date (<c>true</c> or
/// <c>{$type: "date"}</c>) or a timestamp (<c>{$type: "timestamp"}</c>).</summary>
internal sealed class CurrentDateNode : ModifierNode
{
    private readonly bool _timestamp;

    public CurrentDateNode(BsonElement spec)
    {
        var value = spec.Value;
        const string usage = " is not valid type for $currentDate. Please use a boolean ('true') or a $type expression ({$type: 'timestamp/date'}).";
        if (value.BsonType == BsonType.Boolean)
        {
            return;
        }

        if (value is not BsonDocument options)
        {
            throw ErrorCodes.Bad(ShellFormat.TypeName(value.BsonType) + usage);
        }

        var foundType = false;
        foreach (var option in options)
        {
            if (option.Name != "$type")
            {
                throw ErrorCodes.Bad("Unrecognized $currentDate option: " + option.Name);
            }

            if (option.Value is BsonString { Value: "date" or "timestamp" } type)
            {
                _timestamp = type.Value == "timestamp";
                foundType = true;
            }
        }

        if (!foundType)
        {
            throw ErrorCodes.Bad("The '$type' string field is required to be 'date' or 'timestamp': {$currentDate: {field : {$type: 'date'}}}");
        }
    }

    public override string OperatorName => "$currentDate";

    protected override bool AllowCreation => true;

    protected override bool UpdateExisting(ApplyContext context, ElementRef element, IReadOnlyList<string> pathTaken)
    {
        element.Set(Now(context));
        return true;
    }

    protected override BsonValue NewElementValue(ApplyContext context) => Now(context);

    private BsonValue Now(ApplyContext context)
    {
        var now = context.Query.Time.GetUtcNow();
        return _timestamp
            ? new BsonTimestamp((int)now.ToUnixTimeSeconds(), 1)
            : new BsonDateTime(now.ToUnixTimeMilliseconds());
    }
}
