using System.Globalization;
using System.Runtime.Versioning;
using static ConnStorm.Probes.Catalogue.PortKit;
using static ConnStorm.Probes.ProbeSockets;

namespace ConnStorm.Probes.Catalogue;

/// <summary>
/// port-sequence: which ephemeral port comes next. 300 connect() calls to listener A, then 300
/// to listener B, 300 bind(127.0.0.1, 0), 300 connect() to A with IP_LOCAL_PORT_RANGE, 300
/// connect() with the namespace range starting on an odd port; every socket of a case stays open
/// while the case runs (so each call needs a new port) and the ports chosen are the case's values.
/// Also whether the start moves with time while no port is used.
/// </summary>
[SupportedOSPlatform("linux")]
internal sealed partial class PortSequenceProbe : IProbe, IProbeClaims
{
    public const int Calls = 300;
    public const int Lo = 40000, Hi = 40999;
    public const int OptionLo = 40400, OptionHi = 40799;
    public const int WaitMs = 1100;

    public string Name => "port-sequence";

    public string Description => $"ports chosen by {Calls} successive connect() or bind(ip, 0) calls with every socket kept open, on the range {Lo}-{Hi}";

    public IEnumerable<ProbeCase> Run(ProbeEnvironment env)
    {
        // A fresh namespace starts from the kernel's default, not the host's: read it before changing it.
        string initial = ProbeEnvironment.ReadSysctl(RangeKey);
        yield return DefaultRange(initial);

        var s = new ProbeSockets(env);
        int[] listeners = Listeners(env, s, 3);
        int a = listeners[0], b = listeners[1], c = listeners[2];
        string nsRange = string.Create(CultureInfo.InvariantCulture, $"{Lo} {Hi}");
        env.SetSysctl(RangeKey, nsRange);

        yield return Series("connect-to-a", s, nsRange, a, option: null);
        yield return Series("connect-to-b", s, nsRange, b, option: null);
        yield return Series("bind-any-port", s, nsRange, destination: 0, option: null);
        yield return Series("connect-to-a-with-local-port-range", s, nsRange, a, (OptionLo, OptionHi));
        yield return StartAfterWait(s, nsRange, c);

        // The same connect() series on a range one port higher: does the parity follow the start?
        string oddRange = string.Create(CultureInfo.InvariantCulture, $"{Lo + 1} {Hi + 1}");
        env.SetSysctl(RangeKey, oddRange);
        yield return Series("connect-to-a-odd-start", s, oddRange, a, option: null);
    }

    private ProbeCase DefaultRange(string initial)
    {
        var parts = initial.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        bool parsed = parts.Length == 2 && int.TryParse(parts[0], CultureInfo.InvariantCulture, out _) && int.TryParse(parts[1], CultureInfo.InvariantCulture, out _);
        int lo = parsed ? int.Parse(parts[0], CultureInfo.InvariantCulture) : 0;
        int hi = parsed ? int.Parse(parts[1], CultureInfo.InvariantCulture) : 0;
        return new ProbeCase
        {
            Probe = Name,
            Case = "namespace-default-range",
            Inputs = new Dictionary<string, string> { ["read"] = $"{RangeKey} of the probe's fresh namespace" },
            Outcome = parsed ? ProbeCase.Observed : ProbeCase.Error,
            Errno = parsed ? null : "unreadable",
            Numbers = new Dictionary<string, double> { ["lo"] = lo, ["hi"] = hi, ["size"] = parsed ? hi - lo + 1 : 0 },
        };
    }

    /// <summary>
    /// <see cref="Calls"/> sockets, each connect()ed to <paramref name="destination"/> (or only
    /// bound to 127.0.0.1:0 when it is 0), all kept open until the end of the case, then reset.
    /// Stops at the first failure, which becomes the outcome.
    /// </summary>
    private ProbeCase Series(string name, ProbeSockets s, string nsRange, int destination, (int Lo, int Hi)? option)
    {
        var fds = new List<int>();
        var ports = new List<long>();
        int failure = 0, calls = 0;
        string failedCall = "none";
        for (; calls < Calls && failure == 0; calls++)
        {
            int fd = s.Tcp();
            fds.Add(fd);
            (failure, failedCall) = fd < 0 ? (fd, "socket")
                : option is { } r && SetRange(fd, r.Lo, r.Hi) is var so && so < 0 ? (so, "setsockopt")
                : destination == 0 ? (Bind(fd, Loopback, 0), "bind")
                : (Connect(fd, Loopback, destination), "connect");
            if (failure == 0)
            {
                ports.Add(LocalPort(fd));
            }
        }
        CloseWithReset(s, fds);

        var inputs = new Dictionary<string, string>
        {
            ["ip_local_port_range"] = nsRange,
            ["call"] = destination == 0 ? "bind(127.0.0.1, 0), no connect" : $"connect(127.0.0.1:{destination}) on an unbound socket",
            ["sockets"] = $"all kept open, up to {Calls}",
        };
        if (option is { } o)
        {
            inputs["ip_local_port_range_option"] = Range(o.Lo, o.Hi);
        }
        if (failure < 0)
        {
            inputs["failed_call"] = failedCall;
        }
        var (outcome, errno) = failure < 0 ? ProbeCase.FromReturn(failure) : (ProbeCase.Observed, null);
        return new ProbeCase
        {
            Probe = Name,
            Case = name,
            Inputs = inputs,
            Outcome = outcome,
            Errno = errno,
            Numbers = Sequence(calls, ports),
            Values = ports,
        };
    }

    /// <summary>
    /// One connect, reset; one more at once, reset; then another after <see cref="WaitMs"/> ms.
    /// SO_LINGER {1, 0} leaves no TIME_WAIT, so between calls no port is held: if the step across
    /// the wait differs from the step at once, the start moved with time.
    /// </summary>
    private ProbeCase StartAfterWait(ProbeSockets s, string nsRange, int destination)
    {
        long then = OneConnect(s, destination);
        long atOnce = OneConnect(s, destination);
        Thread.Sleep(WaitMs);
        long later = OneConnect(s, destination);
        bool ok = then > 0 && atOnce > 0 && later > 0;
        return new ProbeCase
        {
            Probe = Name,
            Case = "start-after-wait",
            Inputs = new Dictionary<string, string>
            {
                ["ip_local_port_range"] = nsRange,
                ["calls"] = $"connect(127.0.0.1:{destination}) on fresh sockets, each closed with SO_LINGER {{1,0}} (RST, no TIME_WAIT); the third {WaitMs} ms after the second",
            },
            Outcome = ok ? ProbeCase.Observed : ProbeCase.Error,
            Errno = ok ? null : Sockets.Errno.Name((int)-new[] { then, atOnce, later }.First(p => p <= 0)),
            Numbers = new Dictionary<string, double>
            {
                ["first_port_then"] = then,
                ["second_port_at_once"] = atOnce,
                ["first_port_later"] = later,
                ["step_at_once"] = ok ? atOnce - then : 0,
                ["step_after_wait"] = ok ? later - atOnce : 0,
                ["wait_ms"] = WaitMs,
            },
        };
    }

    /// <summary>The port of one connect(), or -errno; the socket is reset at once.</summary>
    private static long OneConnect(ProbeSockets s, int destination)
    {
        int fd = s.Tcp();
        if (fd < 0)
        {
            return fd;
        }
        int rc = Connect(fd, Loopback, destination);
        long port = rc == 0 ? LocalPort(fd) : rc;
        CloseWithReset(s, [fd]);
        return port;
    }
}
