using System.Text.RegularExpressions;
using MongoDB.Bson;

namespace Ferry.Store.Conformance.Spec;

/// <summary>
/// A small JSON Schema validator, enough for the unified test format's <c>schema-latest.json</c> (type,
/// properties, additionalProperties, patternProperties, required, items, $ref, allOf/oneOf/not, enum/const,
/// pattern, min/max counts). It runs on the document as MongoDB.Bson read it, so a misspelled or unknown
/// field in a spec file is reported instead of being silently ignored.
/// </summary>
public sealed class JsonSchemaValidator(BsonDocument schema)
{
    public IReadOnlyList<string> Validate(BsonValue value)
    {
        var errors = new List<string>();
        Check(schema, value, "$", errors);
        return errors;
    }

    private void Check(BsonValue schemaValue, BsonValue value, string path, List<string> errors)
    {
        if (schemaValue is BsonBoolean allowed)
        {
            if (!allowed.Value)
            {
                errors.Add($"{path}: not allowed");
            }

            return;
        }

        var s = schemaValue.AsBsonDocument;
        if (s.TryGetValue("$ref", out var reference))
        {
            Check(Resolve(reference.AsString), value, path, errors);
        }

        if (s.TryGetValue("type", out var type) && !MatchesType(type, value))
        {
            errors.Add($"{path}: expected {type} but found {value.BsonType}");
            return;
        }

        if (s.TryGetValue("const", out var constant) && !JsonEquals(constant, value))
        {
            errors.Add($"{path}: expected {constant.ToJson()}");
        }

        if (s.TryGetValue("enum", out var options) && !options.AsBsonArray.Any(o => JsonEquals(o, value)))
        {
            errors.Add($"{path}: {value.ToJson()} is not one of {options.ToJson()}");
        }

        if (s.TryGetValue("pattern", out var pattern) && value.IsString && !Regex.IsMatch(value.AsString, pattern.AsString))
        {
            errors.Add($"{path}: '{value.AsString}' does not match {pattern.AsString}");
        }

        if (value is BsonDocument document)
        {
            CheckObject(s, document, path, errors);
        }

        if (value is BsonArray array)
        {
            if (s.TryGetValue("minItems", out var minItems) && array.Count < minItems.ToInt32())
            {
                errors.Add($"{path}: needs at least {minItems} items");
            }

            if (s.TryGetValue("items", out var items))
            {
                for (var i = 0; i < array.Count; i++)
                {
                    Check(items, array[i], $"{path}[{i}]", errors);
                }
            }
        }

        if (s.TryGetValue("allOf", out var allOf))
        {
            foreach (var sub in allOf.AsBsonArray)
            {
                Check(sub, value, path, errors);
            }
        }

        if (s.TryGetValue("oneOf", out var oneOf))
        {
            var matching = oneOf.AsBsonArray.Count(sub => IsValid(sub, value, path));
            if (matching != 1)
            {
                errors.Add($"{path}: matches {matching} of the oneOf alternatives, expected exactly 1");
            }
        }

        if (s.TryGetValue("anyOf", out var anyOf) && !anyOf.AsBsonArray.Any(sub => IsValid(sub, value, path)))
        {
            errors.Add($"{path}: matches none of the anyOf alternatives");
        }

        if (s.TryGetValue("not", out var not) && IsValid(not, value, path))
        {
            errors.Add($"{path}: must not match {not.ToJson()}");
        }
    }

    private void CheckObject(BsonDocument s, BsonDocument document, string path, List<string> errors)
    {
        if (s.TryGetValue("required", out var required))
        {
            foreach (var name in required.AsBsonArray.Select(r => r.AsString).Where(n => !document.Contains(n)))
            {
                errors.Add($"{path}: missing required field '{name}'");
            }
        }

        if (s.TryGetValue("minProperties", out var min) && document.ElementCount < min.ToInt32())
        {
            errors.Add($"{path}: needs at least {min} fields");
        }

        if (s.TryGetValue("maxProperties", out var max) && document.ElementCount > max.ToInt32())
        {
            errors.Add($"{path}: allows at most {max} fields");
        }

        var properties = s.GetValue("properties", new BsonDocument()).AsBsonDocument;
        var patterns = s.GetValue("patternProperties", new BsonDocument()).AsBsonDocument;
        foreach (var element in document)
        {
            var childPath = path + "." + element.Name;
            var known = false;
            if (properties.TryGetValue(element.Name, out var propertySchema))
            {
                known = true;
                Check(propertySchema, element.Value, childPath, errors);
            }

            foreach (var patternProperty in patterns.Where(p => Regex.IsMatch(element.Name, p.Name)))
            {
                known = true;
                Check(patternProperty.Value, element.Value, childPath, errors);
            }

            if (!known && s.TryGetValue("additionalProperties", out var additional))
            {
                if (additional is BsonBoolean { Value: false })
                {
                    errors.Add($"{childPath}: unknown field");
                }
                else
                {
                    Check(additional, element.Value, childPath, errors);
                }
            }
        }
    }

    private bool IsValid(BsonValue sub, BsonValue value, string path)
    {
        var errors = new List<string>();
        Check(sub, value, path, errors);
        return errors.Count == 0;
    }

    private BsonValue Resolve(string reference)
    {
        if (!reference.StartsWith("#/", StringComparison.Ordinal))
        {
            throw new NotSupportedException($"schema reference {reference}");
        }

        BsonValue current = schema;
        foreach (var part in reference[2..].Split('/'))
        {
            current = current.AsBsonDocument[part.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal)];
        }

        return current;
    }

    private static bool MatchesType(BsonValue type, BsonValue value) =>
        type is BsonArray types ? types.Any(t => MatchesType(t.AsString, value)) : MatchesType(type.AsString, value);

    private static bool MatchesType(string type, BsonValue value) => type switch
    {
        "object" => value is BsonDocument,
        "array" => value is BsonArray,
        "string" => value.IsString,
        "boolean" => value.IsBoolean,
        "null" => value.IsBsonNull,
        "integer" => value.IsInt32 || value.IsInt64 || (value.IsDouble && Math.Floor(value.AsDouble) == value.AsDouble),
        "number" => value.IsNumeric,
        _ => false,
    };

    private static bool JsonEquals(BsonValue a, BsonValue b) =>
        a.IsNumeric && b.IsNumeric ? a.ToDouble() == b.ToDouble() : a.Equals(b);
}
