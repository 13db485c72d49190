using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace ConnStorm.Tests.TestSupport;

/// <summary>
/// A real nats-server on 127.0.0.1 at a free port, for one test class; Dispose stops it. Tests that
/// need it skip with <see cref="MissingReason"/> when the Debian package nats-server is not installed.
/// </summary>
public sealed class NatsServer : IDisposable
{
    private Process? _process;

    public NatsServer()
    {
        Port = FreePort();
        if (Find() is not null)
        {
            Start();
        }
    }

    public int Port { get; }

    public string Url => $"nats://127.0.0.1:{Port}";

    public int? Pid => _process is { HasExited: false } p ? p.Id : null;

    /// <summary>Null when nats-server can run here.</summary>
    public static string? MissingReason => Find() is null ? "nats-server is not installed (apt-get install -y nats-server)" : null;

    public static string? Find() =>
        new[] { "/usr/sbin/nats-server", "/usr/bin/nats-server", "/usr/local/bin/nats-server" }.FirstOrDefault(File.Exists);

    public void Start()
    {
        var psi = new ProcessStartInfo(Find()!)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string a in new[] { "-a", "127.0.0.1", "-p", Port.ToString(System.Globalization.CultureInfo.InvariantCulture) })
        {
            psi.ArgumentList.Add(a);
        }
        _process = Process.Start(psi)!;
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < TimeSpan.FromSeconds(10))
        {
            try
            {
                using var probe = new TcpClient();
                probe.Connect(IPAddress.Loopback, Port);
                return;
            }
            catch (SocketException)
            {
                Thread.Sleep(50);
            }
        }
        throw new InvalidOperationException($"nats-server did not listen on {Port} within 10 s");
    }

    public void Stop()
    {
        if (_process is { } p)
        {
            if (!p.HasExited)
            {
                p.Kill();
                p.WaitForExit(5000);
            }
            p.Dispose();
            _process = null;
        }
    }

    public void Dispose() => Stop();

    private static int FreePort()
    {
        using var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        return ((IPEndPoint)l.LocalEndpoint).Port;
    }
}
