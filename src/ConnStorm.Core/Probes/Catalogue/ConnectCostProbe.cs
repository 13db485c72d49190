using System.Diagnostics;
using System.Globalization;
using System.Runtime.Versioning;
using ConnStorm.Platform;
using ConnStorm.Results.Reductions;
using static ConnStorm.Probes.Catalogue.PortKit;
using static ConnStorm.Probes.ProbeSockets;

namespace ConnStorm.Probes.Catalogue;

/// <summary>
/// connect-cost: what one connect() costs as one destination's port space fills. The namespace
/// range is <see cref="RangeSize"/> ports; unbound sockets connect() to one listener, all kept
/// open, until the kernel says EADDRNOTAVAIL; each connect() is timed on its own. The fill is
/// made <see cref="Passes"/> times. Values: the median time of the connects that brought the
/// fill from k-1% to k% (k = 1..100), over the passes. Absolute times depend on the machine (and
/// mean little under emulation); the ratios to the cost at 10% are what a comparison reads.
/// </summary>
[SupportedOSPlatform("linux")]
internal sealed partial class ConnectCostProbe : IProbe, IProbeClaims
{
    public const int RangeLo = 51000, RangeSize = 10000, RangeHi = RangeLo + RangeSize - 1;
    public const int Passes = 2;
    /// <summary>Descriptors the fill needs: a client each (the connections wait in the accept queue), and room for the runtime's own.</summary>
    private const int FdsNeeded = RangeSize + 512;

    public string Name => ConnectCost.Probe;

    public string Description => $"connect() time as one destination's {RangeSize}-port space fills to the last port ({Passes} fills): the cost at 10%, 50%, 90%, 99%, and the ratios to 10%";

    public IEnumerable<ProbeCase> Run(ProbeEnvironment env)
    {
        var s = new ProbeSockets(env);
        // The clients' connections wait in the accept queue, never accepted: one descriptor each, so
        // the queue must hold the whole range (backlog capped by somaxconn, a namespace sysctl).
        env.SetSysctl("net.core.somaxconn", "65535");
        env.SetSysctl(RangeKey, "20000 20999");
        int listener = s.Tcp();
        int rc = listener < 0 ? listener : Bind(listener, Loopback, 0);
        if (rc == 0) rc = Listen(listener, 65535);
        int destination = rc == 0 ? LocalPort(listener) : 0;
        env.SetSysctl(RangeKey, string.Create(CultureInfo.InvariantCulture, $"{RangeLo} {RangeHi}"));
        ulong fds = RaiseDescriptorLimit(FdsNeeded);
        yield return Fill(s, destination, rc, fds);
        s.Close(listener);
    }

    /// <summary>Raises RLIMIT_NOFILE to <paramref name="wanted"/> when it is lower and this process may (root in a micro-VM may; the host's hard cap stays); returns the soft limit in force.</summary>
    private static ulong RaiseDescriptorLimit(ulong wanted)
    {
        var (soft, hard) = FileDescriptorLimit.Read();
        if (soft >= wanted) return soft;
        if (hard < wanted && FileDescriptorLimit.TrySet(wanted, wanted))
        {
            return FileDescriptorLimit.Read().Soft;
        }
        return FileDescriptorLimit.RaiseSoftToHard();
    }

    private ProbeCase Fill(ProbeSockets s, int destination, int setupRc, ulong fdLimit)
    {
        var samples = new List<long>[ConnectCost.Windows];
        for (int w = 0; w < samples.Length; w++) samples[w] = [];
        int lastFailure = setupRc, connectsOk = 0, leftOver = 0;
        double seconds = 0;
        double nsPerTick = 1e9 / Stopwatch.Frequency;
        for (int pass = 0; pass < Passes && setupRc == 0; pass++)
        {
            var fds = new List<int>(RangeSize + 1);
            int failure = 0, ok = 0;
            var clock = Stopwatch.StartNew();
            // One more than the range: the last connect() must fail, and says how.
            for (int i = 0; i <= RangeSize && failure == 0; i++)
            {
                int fd = s.Tcp();
                if (fd < 0)
                {
                    failure = fd;
                    break;
                }
                fds.Add(fd);
                long t0 = Stopwatch.GetTimestamp();
                failure = Connect(fd, Loopback, destination);
                long t1 = Stopwatch.GetTimestamp();
                if (failure == 0)
                {
                    samples[ConnectCost.WindowOf(i, RangeSize)].Add((long)((t1 - t0) * nsPerTick));
                    ok++;
                }
            }
            seconds += clock.Elapsed.TotalSeconds;
            // RST on close: no TIME_WAIT, so the next pass starts from an empty range.
            CloseWithReset(s, fds);
            lastFailure = failure;
            connectsOk = pass == 0 ? ok : Math.Min(connectsOk, ok);
            leftOver = Math.Max(leftOver, TcpTable.Count(TcpTable.TimeWait, 0, destination));
        }
        var medians = samples.Select(w => w.Count == 0 ? 0L : ConnectCost.Median(w)).ToList();
        var numbers = new Dictionary<string, double>
        {
            ["range_size"] = RangeSize,
            ["passes"] = Passes,
            ["connects_ok"] = connectsOk,
            ["fd_limit"] = fdLimit,
            ["time_wait_left"] = leftOver,
            ["fill_s"] = Math.Round(seconds, 3),
        };
        foreach (int fill in ConnectCost.Fills)
        {
            numbers[ConnectCost.CostKey(fill)] = medians[fill - 1];
            // The spread of the reference window: a ratio inside it is no change.
            if (fill == ConnectCost.Reference)
            {
                numbers["cost_ns_10_p90"] = ConnectCost.Percentile(samples[fill - 1], 0.9);
            }
            else
            {
                numbers[ConnectCost.RatioKey(fill)] = medians[ConnectCost.Reference - 1] > 0 ? Math.Round(medians[fill - 1] / (double)medians[ConnectCost.Reference - 1], 3) : 0;
            }
        }
        var (outcome, errno) = lastFailure < 0 ? ProbeCase.FromReturn(lastFailure) : (ProbeCase.Observed, null);
        return new ProbeCase
        {
            Probe = Name,
            Case = ConnectCost.Case,
            Inputs = new Dictionary<string, string>
            {
                ["ip_local_port_range"] = string.Create(CultureInfo.InvariantCulture, $"{RangeLo} {RangeHi}"),
                ["destination"] = $"127.0.0.1:{destination.ToString(CultureInfo.InvariantCulture)} (listening, backlog 65535, never accepting)",
                ["each_socket"] = "connect() on an unbound blocking socket, timed alone; all kept open until the range is used up, then reset",
                ["fills"] = $"{Passes}; values: median ns of the connects that took the fill from k-1% to k%, k = 1..{ConnectCost.Windows}",
            },
            Outcome = outcome,
            Errno = errno,
            Numbers = numbers,
            Values = medians,
        };
    }
}
