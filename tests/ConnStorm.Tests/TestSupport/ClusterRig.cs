using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;
using System.Runtime.Versioning;
using System.Text.RegularExpressions;
using ConnStorm.Lab;
using ConnStorm.Platform;

namespace ConnStorm.Tests.TestSupport;

/// <summary>
/// Simulated load hosts for cluster tests: network namespaces on one Linux bridge, every address in
/// 198.18.0.0/15 (the range set aside for network benchmarks), a real nats-server, and a sink.
/// <code>
///   connstorm-rig-PID-K-br       br0 198.18.0.1/24, nats-server on 0.0.0.0:NatsPort, uplink up0 to the host
///   connstorm-rig-PID-K-target   eth0 198.18.0.10/24, `connstorm sink --listen 198.18.0.10:9000`
///   connstorm-rig-PID-K-a1..aN   eth0 198.18.0.(10+i)/24, default route via 198.18.0.1, own ip_local_port_range
///   host: veth csrPID-K 198.19.x.y/30 to up0 in the bridge namespace, so this process reaches NATS (HostNatsUrl)
/// </code>
/// The bridge lives in a namespace of its own, so nothing but the uplink touches the host, and deleting the
/// namespaces deletes every link (a veth goes with either end). Names carry the owner pid (like the labs'
/// connstorm-PID-N, but with "rig-" so lab tests counting this process's labs never see them):
/// <see cref="RemoveStale"/> removes what a crashed test left, and every rig runs it first.
/// Dispose stops every process it started, then removes the namespaces and the uplink.
/// </summary>
[SupportedOSPlatform("linux")]
public sealed partial class ClusterRig : IDisposable
{
    public const string NamePrefix = "connstorm-rig-";
    public const string BridgeAddress = "198.18.0.1";
    public const string TargetAddress = "198.18.0.10";
    public const int TargetPort = 9000;
    public const string Target = "198.18.0.10:9000";

    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan IpTimeout = TimeSpan.FromSeconds(10);
    private static int _instances = -1;
    private static readonly HashSet<ClusterRig> Live = [];
    private static bool _exitHookInstalled;

    private readonly List<string> _namespaces = [];
    private readonly List<RigProcess> _processes = [];
    private readonly List<RigProcess> _agents = [];
    private readonly int _instance;
    private int _disposed;

    public ClusterRig(ClusterRigOptions? options = null)
    {
        Options = options ?? new ClusterRigOptions();
        if (Options.Agents is < 1 or > 200)
        {
            throw new ArgumentOutOfRangeException(nameof(options), Options.Agents, "agents: 1 to 200");
        }
        if (WhatIsMissing() is { } missing)
        {
            throw new InvalidOperationException(missing);
        }
        RemoveStale();
        lock (Live)
        {
            // A test that forgets Dispose still leaves nothing once the test host exits normally.
            if (!_exitHookInstalled)
            {
                AppDomain.CurrentDomain.ProcessExit += (_, _) => DisposeLive();
                _exitHookInstalled = true;
            }
            Live.Add(this);
        }
        int k = Interlocked.Increment(ref _instances);
        _instance = k;
        string stem = $"{NamePrefix}{Environment.ProcessId}-{k}-";
        NamespaceStem = stem;
        BridgeNamespace = stem + "br";
        TargetNamespace = stem + "target";
        AgentNamespaces = Enumerable.Range(1, Options.Agents).Select(i => $"{stem}a{i}").ToList();
        HostLink = $"csr{Environment.ProcessId}-{k}";
        // Inside a fresh namespace every port is free; a port other than 4222 also catches a client that ignores the URL's port.
        NatsPort = Random.Shared.Next(20000, 30000);
        try
        {
            CreateNamespace(BridgeNamespace);
            Ip("-n", BridgeNamespace, "link", "add", "br0", "type", "bridge");
            Ip("-n", BridgeNamespace, "addr", "add", $"{BridgeAddress}/24", "dev", "br0");
            Ip("-n", BridgeNamespace, "link", "set", "br0", "up");
            UplinkAddress = CreateUplink();
            CreateNamespace(TargetNamespace);
            Attach(TargetNamespace, 0, TargetAddress);
            for (int i = 1; i <= Options.Agents; i++)
            {
                CreateNamespace(AgentNamespace(i));
                WriteSysctl(AgentNamespace(i), "net/ipv4/ip_local_port_range", Options.PortRange);
                Attach(AgentNamespace(i), i, AgentAddress(i));
            }
            StartNats();
            if (Options.StartSink)
            {
                Sink = StartSink("--mode", Options.SinkMode);
            }
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    public ClusterRigOptions Options { get; }

    /// <summary>connstorm-rig-PID-K-: the start of every namespace name of this rig.</summary>
    public string NamespaceStem { get; }

    public string BridgeNamespace { get; }

    public string TargetNamespace { get; }

    public IReadOnlyList<string> AgentNamespaces { get; }

    /// <summary>The uplink veth's host end (csrPID-K).</summary>
    public string HostLink { get; }

    /// <summary>The bridge namespace's end of the uplink, where this process reaches nats-server.</summary>
    public string UplinkAddress { get; }

    public int NatsPort { get; }

    /// <summary>nats://198.18.0.1:PORT: the URL agents (and anything in a rig namespace) use.</summary>
    public string NatsUrl => $"nats://{BridgeAddress}:{NatsPort}";

    /// <summary>The same server as this test process reaches it, over the uplink (nats://198.19.x.y:PORT).</summary>
    public string HostNatsUrl => $"nats://{UplinkAddress}:{NatsPort}";

    public RigProcess? Nats { get; private set; }

    public RigProcess? Sink { get; private set; }

    public IReadOnlyList<RigProcess> Agents => _agents;

    /// <summary>Agent i's namespace, i from 1.</summary>
    public string AgentNamespace(int i) => AgentNamespaces[i - 1];

    /// <summary>Agent i's address on the bridge: 198.18.0.(10 + i).</summary>
    public static string AgentAddress(int i) => $"198.18.0.{10 + i}";

    /// <summary>Null when a rig can be built here; else what is missing (root, ip, nats-server, the connstorm binary).</summary>
    public static string? WhatIsMissing()
    {
        if (LabRequirements.WhatIsMissing() is { } lab)
        {
            return lab;
        }
        if (FindNatsServer() is null)
        {
            return "nats-server is not installed: apt-get install nats-server (./run.sh test installs it)";
        }
        return null;
    }

    public static string? FindNatsServer() =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Concat(["/usr/sbin", "/usr/bin", "/usr/local/bin", "/usr/local/sbin"])
            .Select(d => Path.Combine(d, "nats-server"))
            .FirstOrDefault(File.Exists);

    /// <summary>`ip netns exec NS connstorm agent --nats nats://198.18.0.1:PORT --name agent-i EXTRA...`, not waited on.</summary>
    public RigProcess StartAgent(int i, params string[] extraArgs) => StartAgentNamed(i, $"agent-{i}", extraArgs);

    /// <summary>An agent with a name of the caller's choosing in agent i's namespace (several agents may share one).</summary>
    public RigProcess StartAgentNamed(int i, string name, params string[] extraArgs) => StartAgentIn(AgentNamespace(i), name, extraArgs);

    /// <summary>An agent in any namespace of the rig (the target's, to serve in the sink role), not waited on.</summary>
    public RigProcess StartAgentIn(string ns, string name, params string[] extraArgs)
    {
        var agent = StartConnStorm(ns, name, ["agent", "--nats", NatsUrl, "--name", name, .. extraArgs]);
        lock (_agents)
        {
            _agents.Add(agent);
        }
        return agent;
    }

    /// <summary>
    /// `connstorm sink --listen 198.18.0.10:9000 EXTRA...` in the target namespace, waited on until it listens. It
    /// also exits when its stdin closes, so a crashed test host takes it along.
    /// </summary>
    public RigProcess StartSink(params string[] extraArgs)
    {
        var sink = StartConnStorm(TargetNamespace, "sink", ["sink", "--listen", Target, "--exit-on-stdin-eof", .. extraArgs]);
        if (!sink.WaitForLine(l => l.Contains("listening", StringComparison.Ordinal), StartTimeout))
        {
            throw new InvalidOperationException($"the rig's sink did not start: {sink.Describe()}");
        }
        Sink = sink;
        return sink;
    }

    /// <summary>Starts nats-server in the bridge namespace on <see cref="NatsPort"/> and waits until it accepts.</summary>
    public void StartNats()
    {
        if (Nats is { HasExited: false })
        {
            throw new InvalidOperationException("nats-server is already running");
        }
        Nats = Start(BridgeNamespace, "nats-server", [FindNatsServer()!, "-a", "0.0.0.0", "-p", NatsPort.ToString(CultureInfo.InvariantCulture), .. Options.NatsArgs]);
        var watch = Stopwatch.StartNew();
        while (!CanConnect(UplinkAddress, NatsPort))
        {
            if (Nats.HasExited || watch.Elapsed > StartTimeout)
            {
                throw new InvalidOperationException($"nats-server did not start: {Nats.Describe()}");
            }
            Thread.Sleep(50);
        }
    }

    /// <summary>SIGTERM to nats-server, waited on (SIGKILL after 5 s). Clients see their connection drop.</summary>
    public void StopNats() => Nats?.Stop(TimeSpan.FromSeconds(5));

    /// <summary>Stops nats-server, stays down for <paramref name="downtime"/>, starts it again on the same address and port.</summary>
    public void RestartNats(TimeSpan downtime = default)
    {
        StopNats();
        if (downtime > TimeSpan.Zero)
        {
            Thread.Sleep(downtime);
        }
        StartNats();
    }

    /// <summary>Runs a command inside <paramref name="ns"/> to its end (at most 60 s).</summary>
    public ProcessResult Exec(string ns, params string[] command) => Exec(ns, TimeSpan.FromSeconds(60), command);

    public ProcessResult Exec(string ns, TimeSpan timeout, params string[] command) =>
        ProcessRunner.Run(InNamespace(ns, command), timeout);

    /// <summary>The connstorm binary (found as <see cref="ConnStormCli"/> finds it) run to its end inside <paramref name="ns"/>.</summary>
    public ProcessResult ExecConnStorm(string ns, TimeSpan timeout, params string[] args) =>
        ProcessRunner.Run(InNamespace(ns, [.. ConnStormCommand(), .. args]), timeout);

    /// <summary>A long-running command inside <paramref name="ns"/>, stopped by Dispose at the latest.</summary>
    public RigProcess Start(string ns, string name, params string[] command)
    {
        var p = RigProcess.Start(name, InNamespace(ns, command));
        lock (_processes)
        {
            _processes.Add(p);
        }
        return p;
    }

    public RigProcess StartConnStorm(string ns, string name, params string[] args) => Start(ns, name, [.. ConnStormCommand(), .. args]);

    /// <summary>What of this rig still exists: its namespaces, its uplink, its processes still alive. Empty after Dispose.</summary>
    public IReadOnlyList<string> WhatIsLeft()
    {
        var left = ListNamespaces().Where(n => n.StartsWith(NamespaceStem, StringComparison.Ordinal)).Select(n => $"namespace {n}").ToList();
        lock (_processes)
        {
            left.AddRange(LabsOf(_processes).Select(n => $"lab namespace {n}"));
        }
        if (HostLinks().Contains(HostLink))
        {
            left.Add($"link {HostLink}");
        }
        lock (_processes)
        {
            left.AddRange(_processes.Where(p => !p.HasExited).Select(p => $"process {p.Name} (pid {p.Pid})"));
        }
        return left;
    }

    /// <summary>
    /// Removes the namespaces (and their processes) and uplinks of rigs whose owner process is gone, as
    /// <see cref="LabJanitor"/> does for labs; returns what it removed.
    /// </summary>
    public static IReadOnlyList<string> RemoveStale()
    {
        var removed = new List<string>();
        // Links first: a namespace's deletion takes its veths' host ends along, later and asynchronously.
        foreach (string link in HostLinks())
        {
            if (OwnerOf(link, OwnedLink()) is { } owner && !LabJanitor.IsLiveOwner(owner))
            {
                RunIp("link", "del", link);
                removed.Add(link);
            }
        }
        foreach (string ns in ListNamespaces())
        {
            if (OwnerOf(ns, OwnedNamespace()) is { } owner && !LabJanitor.IsLiveOwner(owner))
            {
                DestroyNamespace(ns);
                removed.Add(ns);
            }
        }
        return removed;
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }
        lock (Live)
        {
            Live.Remove(this);
        }
        List<RigProcess> processes;
        lock (_processes)
        {
            processes = [.. _processes];
        }
        // Agents first (they hold NATS connections and their runs), all at once: SIGTERM, one shared grace, SIGKILL.
        StopAll(processes.Where(p => _agents.Contains(p)).ToList(), TimeSpan.FromSeconds(5));
        StopAll(processes.Where(p => !_agents.Contains(p)).ToList(), TimeSpan.FromSeconds(3));
        foreach (var p in processes)
        {
            p.Dispose();
        }
        // Labs an agent made for a shard (connstorm-AGENTPID-N) outlive an agent that was killed.
        foreach (string ns in LabsOf(processes))
        {
            DestroyNamespace(ns);
        }
        // Anything the processes started inside (workers, sinks of runs) goes with its namespace.
        foreach (string ns in _namespaces.AsEnumerable().Reverse())
        {
            DestroyNamespace(ns);
        }
        if (HostLinks().Contains(HostLink))
        {
            RunIp("link", "del", HostLink);
        }
    }

    private static void DisposeLive()
    {
        List<ClusterRig> rigs;
        lock (Live)
        {
            rigs = [.. Live];
        }
        foreach (var rig in rigs)
        {
            rig.Dispose();
        }
    }

    /// <summary>The lab namespaces (connstorm-PID-N, named as LabNamespace names them) of the given processes.</summary>
    private static IReadOnlyList<string> LabsOf(IEnumerable<RigProcess> processes)
    {
        var pids = processes.Select(p => p.Pid).ToHashSet();
        return ListNamespaces().Where(n => LabJanitor.TryParseOwner(n, out int owner) && pids.Contains(owner)).ToList();
    }

    private static void StopAll(IReadOnlyList<RigProcess> processes, TimeSpan grace)
    {
        foreach (var p in processes)
        {
            p.Signal(Signals.SIGTERM);
        }
        var watch = Stopwatch.StartNew();
        foreach (var p in processes)
        {
            var left = grace - watch.Elapsed;
            p.Stop(left > TimeSpan.Zero ? left : TimeSpan.Zero);
        }
    }

    private void CreateNamespace(string name)
    {
        Ip("netns", "add", name);
        _namespaces.Add(name);
        Ip("-n", name, "link", "set", "lo", "up");
    }

    /// <summary>A veth from the bridge (vK) to eth0 in <paramref name="ns"/> with its address and a default route via the bridge.</summary>
    private void Attach(string ns, int k, string address)
    {
        string port = $"v{k}";
        Ip("-n", BridgeNamespace, "link", "add", port, "type", "veth", "peer", "name", "eth0", "netns", ns);
        Ip("-n", BridgeNamespace, "link", "set", port, "master", "br0");
        Ip("-n", BridgeNamespace, "link", "set", port, "up");
        Ip("-n", ns, "addr", "add", $"{address}/24", "dev", "eth0");
        Ip("-n", ns, "link", "set", "eth0", "up");
        Ip("-n", ns, "route", "add", "default", "via", BridgeAddress);
    }

    /// <summary>
    /// The host's link to the bridge namespace, on a /30 of 198.19.0.0/16 no host address uses yet (picked from
    /// the pid, so concurrent rigs of other test runs rarely even try the same one). Returns the namespace end.
    /// </summary>
    private string CreateUplink()
    {
        var used = RunIp("-o", "-4", "addr", "show").StdOut;
        for (int attempt = 0; attempt < 64; attempt++)
        {
            int block = (Environment.ProcessId * 7 + _instance * 131 + attempt * 257) % 16384;
            int third = block / 64;
            int fourth = block % 64 * 4;
            string host = $"198.19.{third}.{fourth + 1}";
            string inside = $"198.19.{third}.{fourth + 2}";
            if (used.Contains($" 198.19.{third}.{fourth + 1}/", StringComparison.Ordinal) ||
                used.Contains($" 198.19.{third}.{fourth + 2}/", StringComparison.Ordinal))
            {
                continue;
            }
            Ip("link", "add", HostLink, "type", "veth", "peer", "name", "up0", "netns", BridgeNamespace);
            Ip("addr", "add", $"{host}/30", "dev", HostLink);
            Ip("link", "set", HostLink, "up");
            Ip("-n", BridgeNamespace, "addr", "add", $"{inside}/30", "dev", "up0");
            Ip("-n", BridgeNamespace, "link", "set", "up0", "up");
            return inside;
        }
        throw new InvalidOperationException("no free /30 in 198.19.0.0/16 for the rig's uplink");
    }

    private void WriteSysctl(string ns, string path, string value)
    {
        string proc = $"/proc/sys/{path}";
        // Value and path are positional arguments, never script text; /proc/sys/net resolves in the writer's namespace.
        var r = Exec(ns, TimeSpan.FromSeconds(10), "sh", "-c", "printf '%s' \"$1\" > \"$0\"", proc, value);
        var back = Exec(ns, TimeSpan.FromSeconds(10), "cat", proc);
        if (!r.Succeeded || LabNamespace.Collapse(back.StdOut) != LabNamespace.Collapse(value))
        {
            throw new InvalidOperationException($"{path} in {ns}: wrote '{value}', read back '{back.StdOut.Trim()}' {r.StdErr}");
        }
    }

    private static ProcessStartInfo InNamespace(string ns, IEnumerable<string> command)
    {
        var psi = new ProcessStartInfo(LabRequirements.FindIp() ?? "ip") { UseShellExecute = false, WorkingDirectory = ConnStormCli.RepoRoot };
        foreach (string a in new[] { "netns", "exec", ns }.Concat(command))
        {
            psi.ArgumentList.Add(a);
        }
        return psi;
    }

    private static string[] ConnStormCommand()
    {
        var (file, prefix) = SelfCommand.Resolve();
        return [file, .. prefix];
    }

    private static bool CanConnect(string address, int port)
    {
        using var client = new TcpClient();
        try
        {
            return client.ConnectAsync(address, port).Wait(TimeSpan.FromMilliseconds(500)) && client.Connected;
        }
        catch (AggregateException)
        {
            return false;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private static void Ip(params string[] args)
    {
        var r = RunIp(args);
        if (!r.Succeeded)
        {
            throw new InvalidOperationException($"`ip {string.Join(' ', args)}` failed (exit {r.ExitCode}): {r.StdErr.Trim()}");
        }
    }

    private static ProcessResult RunIp(params string[] args) => ProcessRunner.Run(LabRequirements.FindIp() ?? "ip", args, IpTimeout);

    private static IReadOnlyList<string> ListNamespaces() =>
        RunIp("netns", "list").StdOut.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(line => line.Split(' ', 2)[0])
            .ToList();

    /// <summary>Link names in the host namespace ("5: csr123-0@if4: ..." gives csr123-0).</summary>
    private static IReadOnlyList<string> HostLinks() =>
        RunIp("-o", "link", "show").StdOut.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split(':', 3))
            .Where(f => f.Length == 3)
            .Select(f => f[1].Trim().Split('@')[0])
            .ToList();

    /// <summary>SIGTERM what runs inside, SIGKILL what stays, delete the name; the kernel then frees its links.</summary>
    private static void DestroyNamespace(string ns) => ConnStorm.Lab.Ip.Destroy(ns, TimeSpan.FromSeconds(2));

    private static int? OwnerOf(string name, Regex pattern)
    {
        var m = pattern.Match(name);
        return m.Success && int.TryParse(m.Groups[1].ValueSpan, NumberStyles.None, CultureInfo.InvariantCulture, out int pid) ? pid : null;
    }

    [GeneratedRegex(@"^connstorm-rig-(\d{1,9})-\d{1,9}-")]
    private static partial Regex OwnedNamespace();

    [GeneratedRegex(@"^csr(\d{1,9})-\d{1,9}$")]
    private static partial Regex OwnedLink();
}
