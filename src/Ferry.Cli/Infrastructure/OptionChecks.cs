using Spectre.Console;

namespace Ferry.Cli.Infrastructure;

/// <summary>Option checks for the settings classes' Validate(), which Spectre runs before a verb: a verb body sees only
/// options that make sense together, and checks that need data (a store, a file) stay in the verb.</summary>
public static class OptionChecks
{
    /// <summary>The first failing check, in order (so the message names the first option the user should fix).</summary>
    public static ValidationResult First(params Func<ValidationResult>[] checks)
    {
        foreach (var check in checks)
        {
            var result = check();
            if (!result.Successful)
            {
                return result;
            }
        }

        return ValidationResult.Success();
    }

    /// <summary>An error with <paramref name="message"/> when a required option is missing.</summary>
    public static ValidationResult Required(object? value, string message) => value is null ? ValidationResult.Error(message) : ValidationResult.Success();

    /// <summary>An error with <paramref name="message"/> when <paramref name="refused"/> holds.</summary>
    public static ValidationResult Refuse(bool refused, string message) => refused ? ValidationResult.Error(message) : ValidationResult.Success();
}
