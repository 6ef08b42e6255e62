namespace Ferry.Core.Transform.Rules;

/// <summary>Where a target document's <c>_id</c> comes from.</summary>
public enum IdStrategy
{
    Keep,
    New,
}
