using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using System.Numerics;

namespace ConnStorm.Cli;

/// <summary>
/// Range and choice rules for options, checked while parsing: a value out of range is a parse error,
/// so it ends in exit code 2 with one line naming the option, before anything has started.
/// </summary>
internal static class OptionRules
{
    /// <summary>The value, when given, must be at least <paramref name="min"/>.</summary>
    public static Option<T> AtLeast<T>(this Option<T> option, T min, string? why = null)
        where T : INumber<T>
    {
        option.Validators.Add(result =>
        {
            if (TryGet(result, out T value) && value < min)
            {
                result.AddError(Message(option, $"at least {min}", value, why));
            }
        });
        return option;
    }

    /// <summary>The value, when given, must be at least <paramref name="min"/> (an absent value keeps its automatic default).</summary>
    public static Option<T?> AtLeast<T>(this Option<T?> option, T min, string? why = null)
        where T : struct, INumber<T>
    {
        option.Validators.Add(result =>
        {
            if (TryGet(result, out T? given) && given is { } value && value < min)
            {
                result.AddError(Message(option, $"at least {min}", value, why));
            }
        });
        return option;
    }

    /// <summary>The value, when given, must lie in [<paramref name="min"/>, <paramref name="max"/>].</summary>
    public static Option<T?> Between<T>(this Option<T?> option, T min, T max)
        where T : struct, INumber<T>
    {
        option.Validators.Add(result =>
        {
            if (TryGet(result, out T? given) && given is { } value && (value < min || value > max))
            {
                result.AddError(Message(option, $"between {min} and {max}", value, null));
            }
        });
        return option;
    }

    /// <summary>The value must be one of <paramref name="choices"/> (exactly as spelled).</summary>
    public static Option<string> OneOf(this Option<string> option, params string[] choices)
    {
        option.Validators.Add(result =>
        {
            if (TryGet(result, out string? value) && value is not null && !choices.Contains(value, StringComparer.Ordinal))
            {
                result.AddError($"{option.Name} '{value}' is not one of {string.Join(", ", choices)}");
            }
        });
        return option;
    }

    /// <summary>False when the text did not even convert: the parser has already said so, naming the option.</summary>
    private static bool TryGet<T>(OptionResult result, out T value)
    {
        try
        {
            value = result.GetValueOrDefault<T>();
            return true;
        }
        catch (InvalidOperationException)
        {
            value = default!;
            return false;
        }
    }

    private static string Message<T>(Option option, string range, T value, string? why) =>
        string.Create(CultureInfo.InvariantCulture, $"{option.Name} must be {range}, not {value}") + (why is null ? "" : $": {why}");
}
