using System.Reflection;
using MongoDB.Bson;

namespace Ferry.Store.Embedded.Writes;

/// <summary>
/// Evaluates a <c>$jsonSchema</c> validator with Ferry.Query's <c>Ferry.Query.Schema.JsonSchemaValidator</c>
/// (owned by the validation work, not yet on this branch's Ferry.Query). Bound by name so the store enforces
/// <c>$jsonSchema</c> as soon as that type is present and reports it as not enforced until then.
/// TODO(lead): after merging the validation branch, replace this with a direct call.
/// </summary>
internal sealed class JsonSchemaEvaluator
{
    private static readonly Type? ValidatorType = Type.GetType("Ferry.Query.Schema.JsonSchemaValidator, Ferry.Query");
    private static readonly MethodInfo? CompileMethod = ValidatorType?.GetMethod("Compile", BindingFlags.Public | BindingFlags.Static, [typeof(BsonDocument)]);
    private static readonly MethodInfo? IsValidMethod = ValidatorType?.GetMethod("IsValid", BindingFlags.Public | BindingFlags.Instance, [typeof(BsonDocument)]);

    private readonly object _validator;

    private JsonSchemaEvaluator(object validator) => _validator = validator;

    /// <summary>True when a <c>$jsonSchema</c> evaluator is available in this build.</summary>
    public static bool IsAvailable => CompileMethod is not null && IsValidMethod is not null;

    /// <summary>Compiles the schema, or null when no evaluator is available. A bad schema throws the evaluator's MqlException.</summary>
    public static JsonSchemaEvaluator? TryCompile(BsonDocument schema)
    {
        if (!IsAvailable)
        {
            return null;
        }

        try
        {
            return new JsonSchemaEvaluator(CompileMethod!.Invoke(null, [schema])!);
        }
        catch (TargetInvocationException e) when (e.InnerException is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(e.InnerException).Throw();
            throw;
        }
    }

    public bool IsValid(BsonDocument document) => (bool)IsValidMethod!.Invoke(_validator, [document])!;
}
