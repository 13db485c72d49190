using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace ConnStorm.Kernels;

/// <summary>What was found on a micro-VM's serial console.</summary>
public sealed record ConsoleReading(byte[]? Payload, string? Failure, string? PanicLine, int? GuestExitCode)
{
    public bool Succeeded => Payload is not null && Failure is null;
}

/// <summary>
/// The protocol between the guest's /init and the host: the result travels as base64 between two
/// marker lines on the serial console. Base64 (not the JSON itself) because kernel messages,
/// carriage returns and console line wrapping can land anywhere in that stream; a base64 line
/// either survives whole or is recognisably not base64.
/// </summary>
public static partial class ConsolePayload
{
    public const string BeginMarker = "=====CONNSTORM-PROBES-BEGIN=====";
    public const string EndMarker = "=====END=====";
    /// <summary>Printed before the payload: "=====CONNSTORM-SHA256 hex=====", checked when present.</summary>
    public const string ChecksumPrefix = "=====CONNSTORM-SHA256 ";
    /// <summary>Printed after the guest command: "=====CONNSTORM-EXIT n=====".</summary>
    public const string ExitPrefix = "=====CONNSTORM-EXIT ";

    public const int TailLines = 40;

    /// <summary>Reads the console log of one boot.</summary>
    public static ConsoleReading Extract(string console)
    {
        string[] lines = console.Replace("\r", "", StringComparison.Ordinal).Split('\n');
        string? panic = lines.FirstOrDefault(l => l.Contains("Kernel panic", StringComparison.Ordinal))?.Trim();
        int? exit = null;
        string? checksum = null;
        int begin = -1;
        int end = -1;
        for (int i = 0; i < lines.Length; i++)
        {
            string line = StripTimestamp(lines[i]).Trim();
            if (line.StartsWith(ExitPrefix, StringComparison.Ordinal) && int.TryParse(line[ExitPrefix.Length..].TrimEnd('='), out int code))
            {
                exit = code;
            }
            else if (line.StartsWith(ChecksumPrefix, StringComparison.Ordinal))
            {
                checksum = line[ChecksumPrefix.Length..].TrimEnd('=').Trim();
            }
            else if (line == BeginMarker && begin < 0)
            {
                begin = i;
            }
            else if (line == EndMarker && begin >= 0 && end < 0)
            {
                end = i;
            }
        }

        if (console.Trim().Length == 0)
        {
            return new ConsoleReading(null, "the VM wrote nothing on its serial console", panic, exit);
        }
        if (begin < 0 || end < 0)
        {
            string why = begin < 0 ? "no payload begin marker" : "the payload has no end marker";
            string what = panic is not null ? $"kernel panic: {panic}" : why;
            return new ConsoleReading(null, $"{what}; last {TailLines} console lines:\n{Tail(lines)}", panic, exit);
        }

        var base64 = new StringBuilder();
        for (int i = begin + 1; i < end; i++)
        {
            string line = lines[i].Trim();
            // Kernel noise between the markers is a whole line of its own: not base64, skipped.
            if (line.Length > 0 && Base64Line().IsMatch(line))
            {
                base64.Append(line);
            }
        }
        byte[] payload;
        try
        {
            payload = Convert.FromBase64String(base64.ToString());
        }
        catch (FormatException)
        {
            return new ConsoleReading(null, "the payload between the markers is not valid base64", panic, exit);
        }
        if (checksum is not null && !string.Equals(checksum, Convert.ToHexStringLower(SHA256.HashData(payload)), StringComparison.OrdinalIgnoreCase))
        {
            return new ConsoleReading(null, "the payload's SHA-256 does not match the one the guest printed (console corruption)", panic, exit);
        }
        return new ConsoleReading(payload, null, panic, exit);
    }

    /// <summary>The last lines of a console log, for error messages.</summary>
    public static string Tail(string console) => Tail(console.Replace("\r", "", StringComparison.Ordinal).Split('\n'));

    private static string Tail(string[] lines)
    {
        var kept = lines.Reverse().SkipWhile(l => l.Trim().Length == 0).Take(TailLines).Reverse();
        return string.Join('\n', kept.Select(l => "  | " + l));
    }

    /// <summary>"[    1.234567] text" → "text": a marker line printed by the kernel's log stays recognisable.</summary>
    private static string StripTimestamp(string line) => KernelTimestamp().Replace(line, "");

    [GeneratedRegex(@"^[A-Za-z0-9+/]+={0,2}$")]
    private static partial Regex Base64Line();

    [GeneratedRegex(@"^\s*\[\s*\d+\.\d+\]\s?")]
    private static partial Regex KernelTimestamp();
}
