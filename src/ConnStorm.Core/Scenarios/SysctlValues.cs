using System.Globalization;

namespace ConnStorm.Scenarios;

/// <summary>
/// Checks a lab sysctl value against its kind (see ConnStorm.Lab.SysctlWhitelist) before the
/// lab writes it: a bad value should fail at load time with a line number, not as EINVAL
/// from /proc halfway through setting up the namespace.
/// </summary>
internal static class SysctlValues
{
    public static string Describe(string kind) => kind switch
    {
        "range" => "two ports \"LO HI\" such as \"40000 40099\"",
        "ports" => "a port list such as \"1000,2000-2100\" (or empty)",
        _ => "an integer",
    };

    /// <summary>Returns the value as the kernel wants it written; throws FormatException.</summary>
    public static string Normalize(string kind, string text)
    {
        text = text.Trim();
        switch (kind)
        {
            case "range":
            {
                string[] parts = text.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
                if (parts.Length != 2 || text.Contains('-', StringComparison.Ordinal))
                {
                    throw new FormatException($"'{text}' is not {Describe(kind)}");
                }
                var range = EndpointPattern.ParsePortRange(text);
                return $"{range.Lo} {range.Hi}";
            }
            case "ports":
            {
                if (text.Length == 0)
                {
                    return "";
                }
                var ranges = text.Split(',').Select(p => p.Trim()).ToList();
                if (ranges.Any(p => p.Length == 0 || p.Contains(' ', StringComparison.Ordinal)))
                {
                    throw new FormatException($"'{text}' is not {Describe(kind)}");
                }
                return string.Join(',', ranges.Select(p => EndpointPattern.ParsePortRange(p).ToString()));
            }
            default:
                return int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int value)
                    ? value.ToString(CultureInfo.InvariantCulture)
                    : throw new FormatException($"'{text}' is not {Describe(kind)}");
        }
    }
}
