using System.Diagnostics;
using System.Text;

namespace ConnStorm.Tests.TestSupport;

/// <summary>A `connstorm agent` process on loopback; Dispose ends it with SIGTERM (then SIGKILL) and waits.</summary>
public sealed class AgentProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private AgentProcess(Process process, string name)
    {
        _process = process;
        Name = name;
        _process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (_output) _output.AppendLine(e.Data); };
        _process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (_output) _output.AppendLine(e.Data); };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public string Name { get; }

    public int Pid => _process.Id;

    public bool HasExited => _process.HasExited;

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public static AgentProcess Start(string url, string name, params string[] extra) =>
        new(Process.Start(ConnStormCli.StartInfo(["agent", "--nats", url, "--name", name, .. extra]))!, name);

    /// <summary>Waits until the agent's output holds <paramref name="text"/>.</summary>
    public bool WaitFor(string text, TimeSpan timeout)
    {
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < timeout)
        {
            if (Output.Contains(text, StringComparison.Ordinal))
            {
                return true;
            }
            Thread.Sleep(50);
        }
        return false;
    }

    public void Kill()
    {
        _process.Kill(entireProcessTree: false);
        _process.WaitForExit(5000);
    }

    public int Terminate(TimeSpan timeout)
    {
        if (!_process.HasExited)
        {
            ConnStorm.Platform.Signals.Send(_process.Id, ConnStorm.Platform.Signals.SIGTERM);
            if (!_process.WaitForExit(timeout))
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit(5000);
                return -1;
            }
        }
        _process.WaitForExit();
        return _process.ExitCode;
    }

    public void Dispose()
    {
        Terminate(TimeSpan.FromSeconds(20));
        _process.Dispose();
    }
}
