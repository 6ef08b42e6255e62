using System.Globalization;
using System.Reflection;
using Ferry.Core.Errors;
using Spectre.Console.Cli;

namespace Ferry.Cli.Infrastructure;

/// <summary>
/// Checks option values in the raw arguments before Spectre binds them, where its own messages cannot name the
/// option: a value option given no value (Spectre fills in "__default_command") and a number option given text
/// (Spectre says "Failed to convert 'abc' to Nullable`1"). The options are read from every settings class; a name
/// declared differently by two verbs (a flag here, a value there) is left to Spectre.
/// </summary>
public static class OptionArguments
{
    private static readonly Lazy<Dictionary<string, OptionShape>> Shapes = new(ReadShapes);

    /// <summary>Throws a <see cref="UserInputException"/> naming the option and what it expects.</summary>
    public static void Check(IReadOnlyList<string> args)
    {
        // Options before the verb are the application's own (--version, --help), not a verb's option of the same
        // name (migrate down's --version VERSION): they are left to Spectre.
        var verbSeen = false;
        for (var i = 0; i < args.Count; i++)
        {
            if (!args[i].StartsWith('-'))
            {
                verbSeen = true;
            }

            if (!verbSeen || !args[i].StartsWith("--", StringComparison.Ordinal) || args[i].Length == 2)
            {
                continue;
            }

            var equals = args[i].IndexOf('=', StringComparison.Ordinal);
            var name = equals < 0 ? args[i] : args[i][..equals];
            if (!Shapes.Value.TryGetValue(name, out var shape) || shape.ValueName is null)
            {
                continue;
            }

            string value;
            if (equals >= 0)
            {
                value = args[i][(equals + 1)..];
            }
            else if (i + 1 < args.Count && !args[i + 1].StartsWith("--", StringComparison.Ordinal))
            {
                value = args[++i];
            }
            else
            {
                throw new UserInputException($"{name}: expected a value ({shape.ValueName})");
            }

            if (shape.Integer is { } max && (!long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number) || number > max || number < -max - 1))
            {
                throw new UserInputException($"{name} {value}: expected a whole number ({shape.ValueName})");
            }

            if (shape.Real && !double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out _))
            {
                throw new UserInputException($"{name} {value}: expected a number ({shape.ValueName})");
            }
        }
    }

    private static Dictionary<string, OptionShape> ReadShapes()
    {
        var shapes = new Dictionary<string, OptionShape>(StringComparer.Ordinal);
        var ambiguous = new HashSet<string>(StringComparer.Ordinal);
        var options = typeof(OptionArguments).Assembly.GetTypes()
            .Where(t => typeof(CommandSettings).IsAssignableFrom(t))
            .SelectMany(t => t.GetProperties(BindingFlags.Public | BindingFlags.Instance))
            .Select(p => (Property: p, Option: p.GetCustomAttribute<CommandOptionAttribute>()))
            .Where(p => p.Option is not null);
        foreach (var (property, option) in options)
        {
            var shape = new OptionShape(option!.ValueName is null || option.ValueIsOptional ? null : option.ValueName, IntegerMaximum(property.PropertyType), IsReal(property.PropertyType));
            foreach (var name in option.LongNames.Select(n => "--" + n))
            {
                if (!shapes.TryGetValue(name, out var known))
                {
                    shapes[name] = shape;
                }
                else if (known.ValueName is null != shape.ValueName is null || known.Integer != shape.Integer || known.Real != shape.Real)
                {
                    ambiguous.Add(name);
                }
                else if (known.ValueName != shape.ValueName && !known.ValueName!.Split(" or ").Contains(shape.ValueName))
                {
                    shapes[name] = known with { ValueName = $"{known.ValueName} or {shape.ValueName}" }; // --out FILE or DIR
                }
            }
        }

        foreach (var name in ambiguous)
        {
            shapes.Remove(name);
        }

        return shapes;
    }

    private static long? IntegerMaximum(Type type) => (Nullable.GetUnderlyingType(type) ?? type) switch
    {
        var t when t == typeof(int) => int.MaxValue,
        var t when t == typeof(long) => long.MaxValue,
        _ => null,
    };

    private static bool IsReal(Type type) => (Nullable.GetUnderlyingType(type) ?? type) == typeof(double);

    /// <summary>An option's value name (null for a flag or an optional value), for a whole number its largest value, and
    /// whether it is a number with fractions (Spectre's own message for "abc" there names neither option nor type).</summary>
    private sealed record OptionShape(string? ValueName, long? Integer, bool Real);
}
