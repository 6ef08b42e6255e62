using System.Text.RegularExpressions;
using Ferry.Query.Common;
using MongoDB.Bson;

namespace Ferry.Query.Schema;

/// <summary>One compiled (sub)schema. Keywords are parsed once; validation walks the value.</summary>
internal sealed partial class SchemaNode
{
    private static readonly HashSet<string> Ignored = ["title", "description", "$schema", "id", "$id", "$comment"];

    private BsonTypeSet? _bsonTypes;
    private BsonTypeSet? _jsonTypes;
    private string[] _required = [];
    private Dictionary<string, SchemaNode> _properties = [];
    private List<(Regex Pattern, SchemaNode Schema)> _patternProperties = [];
    private bool? _additionalAllowed;
    private SchemaNode? _additionalSchema;
    private long? _minProperties;
    private long? _maxProperties;
    private Dictionary<string, string[]> _propertyDependencies = [];
    private Dictionary<string, SchemaNode> _schemaDependencies = [];
    private BsonArray? _enum;
    private BsonValue? _minimum;
    private BsonValue? _maximum;
    private bool _exclusiveMinimum;
    private bool _exclusiveMaximum;
    private BsonValue? _multipleOf;
    private long? _minLength;
    private long? _maxLength;
    private Regex? _pattern;
    private string? _patternText;
    private SchemaNode? _items;
    private List<SchemaNode>? _itemsTuple;
    private bool? _additionalItemsAllowed;
    private SchemaNode? _additionalItemsSchema;
    private long? _minItems;
    private long? _maxItems;
    private bool _uniqueItems;
    private List<SchemaNode>? _allOf;
    private List<SchemaNode>? _anyOf;
    private List<SchemaNode>? _oneOf;
    private SchemaNode? _not;

    public static SchemaNode Parse(BsonDocument schema, string where)
    {
        var node = new SchemaNode();
        foreach (var e in schema)
        {
            node.ParseKeyword(e.Name, e.Value, where);
        }

        return node;
    }

    private void ParseKeyword(string keyword, BsonValue value, string where)
    {
        switch (keyword)
        {
            case "bsonType":
                _bsonTypes = BsonTypeSet.Parse(value, keyword, bsonAliases: true);
                break;
            case "type":
                _jsonTypes = BsonTypeSet.Parse(value, keyword, bsonAliases: false);
                break;
            case "required":
                _required = StringArray(value, keyword, nonEmpty: true);
                break;
            case "properties":
                _properties = Document(value, keyword).ToDictionary(p => p.Name, p => Parse(Document(p.Value, "properties." + p.Name), Join(where, p.Name)));
                break;
            case "patternProperties":
                _patternProperties = Document(value, keyword).Select(p => (Compile(p.Name, keyword), Parse(Document(p.Value, keyword), where))).ToList();
                break;
            case "additionalProperties":
                if (value.IsBoolean)
                {
                    _additionalAllowed = value.AsBoolean;
                }
                else
                {
                    _additionalSchema = Parse(Document(value, keyword), where);
                }

                break;
            case "minProperties":
                _minProperties = NonNegative(value, keyword);
                break;
            case "maxProperties":
                _maxProperties = NonNegative(value, keyword);
                break;
            case "dependencies":
                foreach (var d in Document(value, keyword))
                {
                    if (d.Value.IsBsonArray)
                    {
                        _propertyDependencies[d.Name] = StringArray(d.Value, keyword, nonEmpty: true);
                    }
                    else
                    {
                        _schemaDependencies[d.Name] = Parse(Document(d.Value, keyword), where);
                    }
                }

                break;
            case "enum":
                _enum = value.IsBsonArray && value.AsBsonArray.Count > 0
                    ? value.AsBsonArray
                    : throw ErrorCodes.Parse("$jsonSchema keyword 'enum' cannot be an empty array");
                break;
            case "minimum":
                _minimum = Number(value, keyword);
                break;
            case "maximum":
                _maximum = Number(value, keyword);
                break;
            case "exclusiveMinimum":
                _exclusiveMinimum = Bool(value, keyword);
                break;
            case "exclusiveMaximum":
                _exclusiveMaximum = Bool(value, keyword);
                break;
            case "multipleOf":
                _multipleOf = Number(value, keyword);
                if (BsonValueComparer.ToDouble(_multipleOf) <= 0)
                {
                    throw ErrorCodes.Parse("$jsonSchema keyword 'multipleOf' must have a positive value");
                }

                break;
            case "minLength":
                _minLength = NonNegative(value, keyword);
                break;
            case "maxLength":
                _maxLength = NonNegative(value, keyword);
                break;
            case "pattern":
                _patternText = value.IsString ? value.AsString : throw ErrorCodes.Type("$jsonSchema keyword 'pattern' must be a string");
                _pattern = Compile(_patternText, keyword);
                break;
            case "items":
                if (value.IsBsonArray)
                {
                    _itemsTuple = value.AsBsonArray.Select(v => Parse(Document(v, keyword), where)).ToList();
                }
                else
                {
                    _items = Parse(Document(value, keyword), where);
                }

                break;
            case "additionalItems":
                if (value.IsBoolean)
                {
                    _additionalItemsAllowed = value.AsBoolean;
                }
                else
                {
                    _additionalItemsSchema = Parse(Document(value, keyword), where);
                }

                break;
            case "minItems":
                _minItems = NonNegative(value, keyword);
                break;
            case "maxItems":
                _maxItems = NonNegative(value, keyword);
                break;
            case "uniqueItems":
                _uniqueItems = Bool(value, keyword);
                break;
            case "allOf":
                _allOf = SchemaArray(value, keyword, where);
                break;
            case "anyOf":
                _anyOf = SchemaArray(value, keyword, where);
                break;
            case "oneOf":
                _oneOf = SchemaArray(value, keyword, where);
                break;
            case "not":
                _not = Parse(Document(value, keyword), where);
                break;
            default:
                if (Ignored.Contains(keyword))
                {
                    break;
                }

                throw ErrorCodes.Parse(keyword is "$ref" or "format" or "default" or "definitions"
                    ? $"$jsonSchema keyword '{keyword}' is not currently supported"
                    : $"Unknown $jsonSchema keyword: {keyword}");
        }
    }

    /// <summary>Validates <paramref name="value"/>; with a sink, records every violation instead of stopping at the first.</summary>
    public bool Validate(BsonValue value, string path, ViolationSink? sink)
    {
        var ok = true;

        bool Fail(string keyword, string reason)
        {
            ok = false;
            sink?.Add(path, keyword, reason, value);
            return sink is null || sink.IsFull;
        }

        if (_bsonTypes is not null && !_bsonTypes.Contains(value) && Fail("bsonType", $"expected {_bsonTypes}, found {TypeName(value)}"))
        {
            return false;
        }

        if (_jsonTypes is not null && !_jsonTypes.Contains(value) && Fail("type", $"expected {_jsonTypes}, found {TypeName(value)}"))
        {
            return false;
        }

        if (_enum is not null && !_enum.Any(e => BsonValueComparer.Instance.Equals(e, value))
            && Fail("enum", "value is not one of the allowed values"))
        {
            return false;
        }

        if (BsonTypeOrder.IsNumber(value) && !ValidateNumber(value, Fail))
        {
            return false;
        }

        if (value.IsString && !ValidateString(value.AsString, Fail))
        {
            return false;
        }

        if (value is BsonDocument doc && !ValidateDocument(doc, path, sink, Fail, ref ok))
        {
            return false;
        }

        if (value is BsonArray array && !ValidateArray(array, path, sink, Fail, ref ok))
        {
            return false;
        }

        return ValidateCombinators(value, path, Fail) && ok;
    }

    private bool ValidateNumber(BsonValue value, Func<string, string, bool> fail)
    {
        if (_minimum is not null)
        {
            var c = BsonValueComparer.CompareNumbers(value, _minimum);
            if ((c < 0 || (_exclusiveMinimum && c == 0)) && fail("minimum", $"must be {(_exclusiveMinimum ? ">" : ">=")} {_minimum}"))
            {
                return false;
            }
        }

        if (_maximum is not null)
        {
            var c = BsonValueComparer.CompareNumbers(value, _maximum);
            if ((c > 0 || (_exclusiveMaximum && c == 0)) && fail("maximum", $"must be {(_exclusiveMaximum ? "<" : "<=")} {_maximum}"))
            {
                return false;
            }
        }

        if (_multipleOf is not null)
        {
            var q = BsonValueComparer.ToDouble(value) / BsonValueComparer.ToDouble(_multipleOf);
            if (Math.Abs(q - Math.Round(q)) > 1e-9 && fail("multipleOf", $"must be a multiple of {_multipleOf}"))
            {
                return false;
            }
        }

        return true;
    }

    private bool ValidateString(string s, Func<string, string, bool> fail)
    {
        // Lengths count code points, as MongoDB does.
        var length = s.EnumerateRunes().Count();
        if (_minLength is not null && length < _minLength && fail("minLength", $"length {length} is below {_minLength}"))
        {
            return false;
        }

        if (_maxLength is not null && length > _maxLength && fail("maxLength", $"length {length} is above {_maxLength}"))
        {
            return false;
        }

        return _pattern is null || _pattern.IsMatch(s) || !fail("pattern", $"does not match /{_patternText}/");
    }

    private bool ValidateDocument(BsonDocument doc, string path, ViolationSink? sink, Func<string, string, bool> fail, ref bool ok)
    {
        foreach (var name in _required)
        {
            if (!doc.Contains(name))
            {
                ok = false;
                sink?.Add(Join(path, name), "required", "required field is missing", null);
                if (sink is null || sink.IsFull)
                {
                    return false;
                }
            }
        }

        if (_minProperties is not null && doc.ElementCount < _minProperties && fail("minProperties", $"has {doc.ElementCount} fields, fewer than {_minProperties}"))
        {
            return false;
        }

        if (_maxProperties is not null && doc.ElementCount > _maxProperties && fail("maxProperties", $"has {doc.ElementCount} fields, more than {_maxProperties}"))
        {
            return false;
        }

        foreach (var element in doc)
        {
            var childPath = Join(path, element.Name);
            var matchedSomething = false;
            if (_properties.TryGetValue(element.Name, out var propertySchema))
            {
                matchedSomething = true;
                if (!propertySchema.Validate(element.Value, childPath, sink))
                {
                    ok = false;
                    if (sink is null || sink.IsFull)
                    {
                        return false;
                    }
                }
            }

            foreach (var (pattern, schema) in _patternProperties)
            {
                if (pattern.IsMatch(element.Name))
                {
                    matchedSomething = true;
                    if (!schema.Validate(element.Value, childPath, sink))
                    {
                        ok = false;
                        if (sink is null || sink.IsFull)
                        {
                            return false;
                        }
                    }
                }
            }

            if (!matchedSomething)
            {
                if (_additionalAllowed == false)
                {
                    ok = false;
                    sink?.Add(childPath, "additionalProperties", "field is not allowed by the schema", element.Value);
                    if (sink is null || sink.IsFull)
                    {
                        return false;
                    }
                }
                else if (_additionalSchema is not null && !_additionalSchema.Validate(element.Value, childPath, sink))
                {
                    ok = false;
                    if (sink is null || sink.IsFull)
                    {
                        return false;
                    }
                }
            }
        }

        foreach (var (field, needed) in _propertyDependencies)
        {
            if (doc.Contains(field) && needed.Any(n => !doc.Contains(n)) && fail("dependencies", $"'{field}' requires {string.Join(", ", needed)}"))
            {
                return false;
            }
        }

        foreach (var (field, schema) in _schemaDependencies)
        {
            if (doc.Contains(field) && !schema.Validate(doc, path, sink))
            {
                ok = false;
                if (sink is null || sink.IsFull)
                {
                    return false;
                }
            }
        }

        return true;
    }

    private bool ValidateArray(BsonArray array, string path, ViolationSink? sink, Func<string, string, bool> fail, ref bool ok)
    {
        if (_minItems is not null && array.Count < _minItems && fail("minItems", $"has {array.Count} items, fewer than {_minItems}"))
        {
            return false;
        }

        if (_maxItems is not null && array.Count > _maxItems && fail("maxItems", $"has {array.Count} items, more than {_maxItems}"))
        {
            return false;
        }

        if (_uniqueItems)
        {
            var seen = new HashSet<BsonValue>(BsonValueComparer.Instance);
            if (array.Any(v => !seen.Add(v)) && fail("uniqueItems", "has duplicate items"))
            {
                return false;
            }
        }

        for (var i = 0; i < array.Count; i++)
        {
            var schema = _items
                ?? (_itemsTuple is null ? null
                    : i < _itemsTuple.Count ? _itemsTuple[i]
                    : _additionalItemsSchema);
            if (_itemsTuple is not null && i >= _itemsTuple.Count && _additionalItemsAllowed == false
                && fail("additionalItems", $"has {array.Count} items; the schema allows {_itemsTuple.Count}"))
            {
                return false;
            }

            if (schema is not null && !schema.Validate(array[i], Join(path, i.ToString(System.Globalization.CultureInfo.InvariantCulture)), sink))
            {
                ok = false;
                if (sink is null || sink.IsFull)
                {
                    return false;
                }
            }
        }

        return true;
    }

    private bool ValidateCombinators(BsonValue value, string path, Func<string, string, bool> fail)
    {
        if (_allOf is not null && !_allOf.All(s => s.Validate(value, path, null)) && fail("allOf", "does not match every schema of allOf"))
        {
            return false;
        }

        if (_anyOf is not null && !_anyOf.Any(s => s.Validate(value, path, null)) && fail("anyOf", "matches no schema of anyOf"))
        {
            return false;
        }

        if (_oneOf is not null && _oneOf.Count(s => s.Validate(value, path, null)) != 1 && fail("oneOf", "does not match exactly one schema of oneOf"))
        {
            return false;
        }

        return _not is null || !_not.Validate(value, path, null) || !fail("not", "matches the schema in not");
    }

    private static string Join(string path, string name) => path.Length == 0 ? name : path + "." + name;

    private static string TypeName(BsonValue value) => BsonTypeSet.NameOf(value);

    private static BsonDocument Document(BsonValue value, string keyword) =>
        value as BsonDocument ?? throw ErrorCodes.Type($"$jsonSchema keyword '{keyword}' must be an object");

    private static string[] StringArray(BsonValue value, string keyword, bool nonEmpty)
    {
        if (value is not BsonArray array || array.Any(v => !v.IsString) || (nonEmpty && array.Count == 0))
        {
            throw ErrorCodes.Type($"$jsonSchema keyword '{keyword}' must be a{(nonEmpty ? " non-empty" : "n")} array of strings");
        }

        var names = array.Select(v => v.AsString).ToArray();
        return names.Distinct().Count() == names.Length
            ? names
            : throw ErrorCodes.Parse($"$jsonSchema keyword '{keyword}' array cannot contain duplicate values");
    }

    private static List<SchemaNode> SchemaArray(BsonValue value, string keyword, string where) =>
        value is BsonArray { Count: > 0 } array
            ? array.Select(v => Parse(Document(v, keyword), where)).ToList()
            : throw ErrorCodes.Type($"$jsonSchema keyword '{keyword}' must be a non-empty array");

    private static BsonValue Number(BsonValue value, string keyword) =>
        BsonTypeOrder.IsNumber(value) ? value : throw ErrorCodes.Type($"$jsonSchema keyword '{keyword}' must be a number");

    private static long NonNegative(BsonValue value, string keyword)
    {
        if (!BsonTypeOrder.IsNumber(value))
        {
            throw ErrorCodes.Type($"$jsonSchema keyword '{keyword}' must be a number");
        }

        var d = BsonValueComparer.ToDouble(value);
        return d >= 0 && d == Math.Floor(d)
            ? (long)d
            : throw ErrorCodes.Parse($"$jsonSchema keyword '{keyword}' must be a representable as a non-negative integer");
    }

    private static bool Bool(BsonValue value, string keyword) =>
        value.IsBoolean ? value.AsBoolean : throw ErrorCodes.Type($"$jsonSchema keyword '{keyword}' must be a boolean");

    private static Regex Compile(string pattern, string keyword)
    {
        try
        {
            // PCRE-like semantics; patterns are unanchored as in JSON Schema. A timeout guards against catastrophic backtracking.
            return new Regex(pattern, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
        }
        catch (ArgumentException e)
        {
            throw ErrorCodes.Parse($"$jsonSchema keyword '{keyword}' has an invalid regular expression /{pattern}/: {e.Message}");
        }
    }
}
