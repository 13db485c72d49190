using System.Globalization;
using System.Text.RegularExpressions;

namespace ConnStorm.Proxy;

/// <summary>
/// What haproxy.log says about why connections failed: HAProxy's own messages (such as
/// "Connect() failed for backend be: no free ports.") counted by text, and the tcplog lines'
/// termination states other than "--" (a normal end), e.g. "SC": the server side failed to connect.
/// </summary>
public static partial class HaproxyLog
{
    public const string FileName = Results.ResultFiles.HaproxyLog;

    /// <summary>
    /// haproxy.log keeps this much; every line past it is still counted. A run that fails thousands
    /// of upstream connects logs several alerts for each (one per retry), megabytes that say one thing.
    /// </summary>
    public const long MaxFileBytes = 256 * 1024;

    private static readonly object Gate = new();

    public static IReadOnlyList<string> Summarise(IEnumerable<string> lines, int top = 3)
    {
        ArgumentNullException.ThrowIfNull(lines);
        var counter = new Counter();
        foreach (var line in lines)
        {
            counter.Add(line);
        }
        return counter.Summary(top);
    }

    /// <summary>Counts lines as they arrive, so the summary covers lines the file no longer keeps.</summary>
    public sealed class Counter
    {
        private readonly Dictionary<string, int> _messages = new(StringComparer.Ordinal);
        private readonly Dictionary<string, int> _states = new(StringComparer.Ordinal);

        public void Add(string line)
        {
            lock (Gate)
            {
                Count(line, _messages, _states);
            }
        }

        public IReadOnlyList<string> Summary(int top = 3)
        {
            lock (Gate)
            {
                return Format(_messages, _states, top);
            }
        }
    }

    private static void Count(string line, Dictionary<string, int> messages, Dictionary<string, int> states)
    {
        {
            if (AccessLine().Match(line) is { Success: true } access)
            {
                string state = access.Groups["state"].Value;
                if (state != "--")
                {
                    states[state] = states.GetValueOrDefault(state) + 1;
                }
                return;
            }
            // Startup notices ("path to executable", "version") say nothing about the run.
            if (line.Length == 0 || line.StartsWith("[NOTICE]", StringComparison.Ordinal))
            {
                return;
            }
            string text = Pid().Replace(line, "").Trim();
            messages[text] = messages.GetValueOrDefault(text) + 1;
        }
    }

    private static List<string> Format(Dictionary<string, int> messages, Dictionary<string, int> states, int top)
    {
        var result = messages.OrderByDescending(kv => kv.Value).Take(top)
            .Select(kv => string.Create(CultureInfo.InvariantCulture, $"{kv.Value}× \"{kv.Key}\"")).ToList();
        result.AddRange(states.OrderByDescending(kv => kv.Value).Take(top)
            .Select(kv => string.Create(CultureInfo.InvariantCulture, $"{kv.Value} connections ended with termination state {kv.Key}{Meaning(kv.Key)}")));
        return result;
    }

    private static string Meaning(string state) => state[0] switch
    {
        'S' when state.Length > 1 && state[1] == 'C' => " (the upstream connect failed)",
        'S' => " (ended on the server side)",
        'C' => " (ended on the client side)",
        _ => "",
    };

    // "127.0.1.9:40016 [21/Nov/2026:17:56:59.207] fe be/b1 1/0/57 8 -- 15/15/14/14/0 0/0"
    [GeneratedRegex(@"^\S+:\d+ \[[^\]]+\] \S+ \S+ \S+ \d+ (?<state>\S{2}) ")]
    private static partial Regex AccessLine();

    [GeneratedRegex(@"\s*\(\d+\)\s*")]
    private static partial Regex Pid();
}
