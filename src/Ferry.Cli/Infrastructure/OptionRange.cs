using Spectre.Console;

namespace Ferry.Cli.Infrastructure;

/// <summary>Range checks of numeric options, for the settings classes' Validate() (Spectre runs it before a verb).</summary>
public static class OptionRange
{
    /// <summary>The first option below its minimum, as "--partitions -3: expected a whole number of at least 1".</summary>
    public static ValidationResult AtLeast(params (string Option, long? Value, long Minimum)[] options)
    {
        foreach (var (option, value, minimum) in options)
        {
            if (value < minimum)
            {
                return ValidationResult.Error($"{option} {value}: expected a whole number of at least {minimum}");
            }
        }

        return ValidationResult.Success();
    }
}
