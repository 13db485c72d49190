using System.Diagnostics;
using System.Globalization;
using ConnStorm.Sockets;
using static ConnStorm.Probes.ProbeSockets;

namespace ConnStorm.Probes.Catalogue;

internal sealed partial class TimeWaitProbe
{
    public const string PortRange = "40000 40001";
    private const int RangeSize = 2, ExhaustionListener = 47000, OtherDestination = 47050;
    /// <summary>When connect() is tried again after the range filled with TIME_WAIT (ms since the last close).</summary>
    public static readonly IReadOnlyList<(int Ms, string Key)> Attempts = [(0, "at_0"), (1100, "at_1_1s"), (2100, "at_2_1s")];

    public static string ExhaustionName(int twReuse) => $"client-time-wait-exhaustion-tw-reuse-{twReuse.ToString(CultureInfo.InvariantCulture)}";

    public const string OtherDestinationName = "client-time-wait-exhausted-other-destination";

    /// <summary>
    /// Each tcp_tw_reuse value gets a destination of its own (47000 + value): TIME_WAIT is per
    /// 4-tuple, so the earlier values' TIME_WAITs (they live 60 s) cannot block the later ones.
    /// </summary>
    private IEnumerable<ProbeCase> Exhaustion(ProbeEnvironment env, ProbeSockets s)
    {
        env.SetSysctl("net.ipv4.ip_local_port_range", PortRange);
        foreach (int twReuse in new[] { 0, 1, 2 })
        {
            env.SetSysctl(TwReuse, twReuse.ToString(CultureInfo.InvariantCulture));
            foreach (var c in ExhaustOne(env, s, twReuse, ExhaustionListener + twReuse))
            {
                yield return c;
            }
        }
    }

    private IEnumerable<ProbeCase> ExhaustOne(ProbeEnvironment env, ProbeSockets s, int twReuse, int port)
    {
        int l = s.Listener(Loopback, ref port);
        int made = 0;
        for (int i = 0; l >= 0 && i < RangeSize; i++)
        {
            int c = s.Tcp();
            if (Connect(c, Loopback, port) != 0)
            {
                s.Close(c);
                continue;
            }
            int clientPort = LocalPort(c);
            int a = env.Track(RawSocket.Accept(l));
            if (a >= 0 && CloseFirst(s, c, a, clientPort, port)) made++;
        }
        var watch = Stopwatch.StartNew();
        int timeWaits = TcpTable.Count(TcpTable.TimeWait, 0, port);
        var numbers = new Dictionary<string, double> { ["connections_made"] = made, ["time_wait_before"] = timeWaits };
        var open = new List<int>();
        double firstOk = -1;
        ProbeCase? other = null;
        foreach (var (ms, key) in Attempts)
        {
            int wait = ms - (int)watch.ElapsedMilliseconds;
            if (wait > 0) Thread.Sleep(wait);
            double at = watch.Elapsed.TotalSeconds;
            int c = s.Tcp();
            int rc = Connect(c, Loopback, port);
            if (rc == 0) open.Add(c); else s.Close(c);
            if (rc == 0 && firstOk < 0) firstOk = Math.Round(at, 3);
            numbers["ok_" + key] = rc == 0 ? 1 : 0;
            numbers["errno_" + key] = rc < 0 ? -rc : 0;
            numbers["t_" + key] = Math.Round(at, 3);
            if (ms == 0 && twReuse == 0)
            {
                // The same moment, towards another destination: TIME_WAIT holds 4-tuples, not ports.
                other = OtherDestinationCase(s, port);
            }
        }
        numbers["first_ok_after_s"] = firstOk;
        foreach (int fd in open) Abort(s, fd);
        s.Close(l);
        if (other is not null) yield return other;
        yield return new ProbeCase
        {
            Probe = Name,
            Case = ExhaustionName(twReuse),
            Inputs = new Dictionary<string, string>
            {
                ["ip_local_port_range"] = PortRange,
                ["destination"] = $"127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}",
                ["tcp_tw_reuse"] = twReuse.ToString(CultureInfo.InvariantCulture),
                ["tcp_timestamps"] = ProbeEnvironment.ReadSysctl("net.ipv4.tcp_timestamps"),
                ["tcp_tw_reuse_delay"] = ProbeEnvironment.ReadSysctl("net.ipv4.tcp_tw_reuse_delay") is { Length: > 0 } d ? d : "absent",
                ["attempts"] = "connect() at 0, 1.1 and 2.1 s after both connections closed client-first; a success stays open",
            },
            Outcome = ProbeCase.Observed,
            Numbers = numbers,
        };
    }

    private ProbeCase OtherDestinationCase(ProbeSockets s, int exhaustedPort)
    {
        int port = OtherDestination;
        int l = s.Listener(Loopback, ref port);
        int c = s.Tcp();
        int rc = l < 0 ? l : Connect(c, Loopback, port);
        Abort(s, c);
        s.Close(l);
        var (outcome, errno) = ProbeCase.FromReturn(rc);
        return new ProbeCase
        {
            Probe = Name,
            Case = OtherDestinationName,
            Inputs = new Dictionary<string, string>
            {
                ["ip_local_port_range"] = PortRange,
                ["exhausted_destination"] = $"127.0.0.1:{exhaustedPort.ToString(CultureInfo.InvariantCulture)} (both ports in TIME_WAIT towards it, tcp_tw_reuse 0)",
                ["destination"] = $"127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}",
            },
            Outcome = outcome,
            Errno = errno,
        };
    }
}
