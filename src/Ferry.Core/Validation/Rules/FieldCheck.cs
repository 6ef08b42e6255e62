using Ferry.Core.Validation.Rules.Checks;
using Ferry.Core.Yaml;
using MongoDB.Bson;
using YamlDotNet.RepresentationModel;

namespace Ferry.Core.Validation.Rules;

/// <summary>
/// A kind of per-field check (<c>required</c>, <c>min_length</c>, …): its key in rules files, how its argument is read,
/// what a bad argument should have been, and how a value is judged. Each kind is one file under <c>Checks/</c>,
/// registered in <see cref="All"/>; the parser, the evaluator, messages and docs/validation.md follow that list
/// (docs/validation.md, "Adding a rule kind").
/// </summary>
public abstract class FieldCheck
{
    public static readonly FieldCheck Required = new RequiredCheck();
    public static readonly FieldCheck Type = new TypeCheck();
    public static readonly FieldCheck NotBlank = new NotBlankCheck();
    public static readonly FieldCheck MinLength = new LengthCheck("min_length", minimum: true);
    public static readonly FieldCheck MaxLength = new LengthCheck("max_length", minimum: false);
    public static readonly FieldCheck Pattern = new PatternCheck();
    public static readonly FieldCheck Enum = new EnumCheck();
    public static readonly FieldCheck Min = new BoundCheck("min", minimum: true);
    public static readonly FieldCheck Max = new BoundCheck("max", minimum: false);
    public static readonly FieldCheck NotInFuture = new NotInFutureCheck();
    public static readonly FieldCheck Lowercase = new LowercaseCheck();

    private protected FieldCheck(string name) => Name = name;

    /// <summary>Every kind, in the order messages list them.</summary>
    public static IReadOnlyList<FieldCheck> All { get; } = [Required, Type, NotBlank, MinLength, MaxLength, Pattern, Enum, Min, Max, NotInFuture, Lowercase];

    /// <summary>The check's key in a rules file, and the end of its rule id (<c>users.email:lowercase</c>).</summary>
    public string Name { get; }

    /// <summary>Why an absent field fails, or null: every kind but required and not_blank passes when the field is absent.</summary>
    public virtual string? WhenAbsent => null;

    /// <summary>What the argument should have been, for <c>FILE:LINE:COLUMN: expected …</c>.</summary>
    private protected abstract string ExpectedArgument { get; }

    /// <summary>Prepares the check of one rule once (a regex, a type set): the result judges a present value, null when it passes, else why not.</summary>
    public abstract Func<BsonValue, string?> Compile(BsonValue argument, TimeProvider time);

    public override string ToString() => Name;

    /// <summary>Reads the check's argument from a rules file; <c>false</c> switches the check off.</summary>
    internal BsonValue ReadArgument(YamlNode node, string file) =>
        Argument(YamlBson.ToBson(node, file), node, file) ?? throw YamlBson.Expected(file, node, ExpectedArgument);

    /// <summary>
    /// The argument as <see cref="Compile"/> takes it, or null when <paramref name="value"/> is not what
    /// <see cref="ExpectedArgument"/> says. A kind with a sharper message (a bad regular expression) throws its own.
    /// </summary>
    private protected abstract BsonValue? Argument(BsonValue value, YamlNode node, string file);
}
