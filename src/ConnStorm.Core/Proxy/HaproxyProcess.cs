using System.Diagnostics;
using System.Runtime.Versioning;
using ConnStorm.Lab;
using ConnStorm.Scenarios;
using ConnStorm.Sockets;
using ConnStorm.Sockets.Interop;
using ConnStorm.Errors;
using ConnStorm.Platform;

namespace ConnStorm.Proxy;

/// <summary>
/// HAProxy for one run: haproxy.cfg written into the run's folder, `haproxy -db -f haproxy.cfg`
/// started inside the lab (so its upstream connects use the lab's ip_local_port_range), stderr
/// kept as haproxy.log. Dispose stops it (SIGTERM, then SIGKILL) and removes its socket.
/// </summary>
[SupportedOSPlatform("linux")]
public sealed class HaproxyProcess : IDisposable
{
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(15);
    private static readonly TimeSpan AskTimeout = TimeSpan.FromSeconds(5);

    /// <summary>
    /// sun_path holds 108 bytes, and HAProxy 2.6 refuses a stats socket path over 97 ("too long (max 97)")
    /// because it binds a temporary "PATH.PID.tmp" first; a deeper run folder gets its socket in the
    /// temp folder instead. 90 leaves room for a long pid.
    /// </summary>
    internal const int MaxSocketPath = 90;

    private readonly Process _process;
    private readonly Thread _stderr;
    private bool _disposed;

    public string ConfigPath { get; }
    public string SocketPath { get; }
    public string LogPath { get; }
    public int MaxConn { get; }
    public int Pid => _process.Id;
    /// <summary>Every line HAProxy logged, counted (haproxy.log keeps only the first <see cref="HaproxyLog.MaxFileBytes"/>).</summary>
    public HaproxyLog.Counter Log { get; private init; } = new();

    private HaproxyProcess(Process process, Thread stderr, string config, string socket, string log, int maxConn)
    {
        _process = process;
        _stderr = stderr;
        ConfigPath = config;
        SocketPath = socket;
        LogPath = log;
        MaxConn = maxConn;
    }

    /// <summary>Starts HAProxy and waits (bounded) until its frontend is open. Throws <see cref="ExperimentException"/>.</summary>
    public static HaproxyProcess Start(ProxySpec proxy, string dir, LabNamespace? lab, CancellationToken ct)
    {
        string exe = Haproxy.Find() ?? throw new ExperimentException(Haproxy.MissingHint);
        dir = Path.GetFullPath(dir);
        Directory.CreateDirectory(dir);
        string socket = Path.Combine(dir, "haproxy.sock");
        if (socket.Length > MaxSocketPath)
        {
            socket = Path.Combine(Path.GetTempPath(), $"connstorm-haproxy-{Environment.ProcessId}-{Guid.NewGuid().ToString("N")[..8]}.sock");
        }
        File.Delete(socket);
        int maxConn = HaproxyConfig.EffectiveMaxConn(proxy.MaxConn, FileDescriptorLimit.Read().Hard);
        string config = Path.Combine(dir, HaproxyConfig.FileName);
        File.WriteAllText(config, HaproxyConfig.Build(proxy, socket, maxConn));
        string log = Path.Combine(dir, HaproxyLog.FileName);

        string[] args = ["-db", "-f", config];
        var psi = lab is null ? new ProcessStartInfo(exe, args) : lab.StartInfo(exe, args);
        psi.UseShellExecute = false;
        psi.RedirectStandardInput = true;
        psi.RedirectStandardOutput = true;
        psi.RedirectStandardError = true;
        var process = Process.Start(psi) ?? throw new ExperimentException($"could not start {exe}");
        process.StandardInput.Close();
        // Both pipes are drained so HAProxy never blocks on a full one; stdout is empty with -db, stderr is the log.
        _ = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
        var counter = new HaproxyLog.Counter();
        var writer = new StreamWriter(log) { AutoFlush = true };
        var stderr = new Thread(() =>
        {
            using (writer)
            {
                long kept = 0, dropped = 0;
                while (process.StandardError.ReadLine() is { } line)
                {
                    counter.Add(line);
                    if (kept < HaproxyLog.MaxFileBytes)
                    {
                        writer.WriteLine(line);
                        kept += line.Length + 1;
                    }
                    else
                    {
                        dropped++;
                    }
                }
                if (dropped > 0)
                {
                    writer.WriteLine($"[connstorm] {dropped} more lines not kept here (the run's summary counts them all)");
                }
            }
        }) { IsBackground = true, Name = "haproxy-stderr" };
        stderr.Start();
        var started = new HaproxyProcess(process, stderr, config, socket, log, maxConn) { Log = counter };
        try
        {
            started.WaitUntilOpen(ct);
            return started;
        }
        catch
        {
            started.Dispose();
            throw;
        }
    }

    /// <summary>The stats socket answers once the listeners are bound; the frontend then reports OPEN.</summary>
    private void WaitUntilOpen(CancellationToken ct)
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < ReadyTimeout && !ct.IsCancellationRequested)
        {
            if (_process.HasExited)
            {
                _stderr.Join(TimeSpan.FromSeconds(2));
                throw new ExperimentException($"haproxy exited with code {_process.ExitCode} at start: {LastLines(5)}");
            }
            if (StatsSocket.TryAsk(SocketPath, "show stat", AskTimeout) is { } stat
                && ProxyStats.Parse(stat).Any(r => r.IsFrontend && r.Status == "OPEN"))
            {
                return;
            }
            Thread.Sleep(50);
        }
        throw new ExperimentException($"haproxy's frontend did not open within {ReadyTimeout.TotalSeconds:0} s: {LastLines(5)}");
    }

    /// <summary>`show stat` parsed; empty when HAProxy no longer answers.</summary>
    public IReadOnlyList<ProxyStatRow> ReadStats() =>
        StatsSocket.TryAsk(SocketPath, "show stat", AskTimeout) is { } text ? ProxyStats.Parse(text) : [];

    public string? ReadInfo() => StatsSocket.TryAsk(SocketPath, "show info", AskTimeout);

    private string LastLines(int n)
    {
        try
        {
            using var stream = new FileStream(LogPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            using var reader = new StreamReader(stream);
            var lines = reader.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries);
            return string.Join(" | ", lines.TakeLast(n));
        }
        catch (IOException)
        {
            return "(no log)";
        }
    }

    /// <summary>SIGTERM (HAProxy's hard stop), then SIGKILL; the log is flushed and the socket removed.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }
        _disposed = true;
        try
        {
            if (!_process.HasExited)
            {
                Signals.Send(_process.Id, Signals.SIGTERM);
                if (!_process.WaitForExit(TimeSpan.FromSeconds(3)))
                {
                    _process.Kill(entireProcessTree: true);
                    _process.WaitForExit(TimeSpan.FromSeconds(2));
                }
            }
        }
        catch (InvalidOperationException)
        {
        }
        _stderr.Join(TimeSpan.FromSeconds(2));
        _process.Dispose();
        try
        {
            File.Delete(SocketPath);
        }
        catch (IOException)
        {
        }
    }
}
