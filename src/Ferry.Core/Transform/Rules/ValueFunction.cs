namespace Ferry.Core.Transform.Rules;

/// <summary>The functions a field mapping can apply to a string value, in order.</summary>
public enum ValueFunction
{
    Lower,
    Upper,
    Trim,
    HashPassword,
}
