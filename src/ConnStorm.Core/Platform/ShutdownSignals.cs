using System.Runtime.InteropServices;
using System.Runtime.Versioning;

namespace ConnStorm.Platform;

/// <summary>
/// The one place ConnStorm hears SIGINT, SIGTERM and SIGHUP: all three cancel <see cref="Token"/>
/// instead of ending the process, so every command stops its work, writes its results and removes
/// its lab. SIGHUP is here because a closed terminal or a dropped ssh session must not cost the
/// results (its default action would end the process before anything is written).
/// </summary>
[SupportedOSPlatform("linux")]
public sealed class ShutdownSignals : IDisposable
{
    private static readonly PosixSignal[] Handled = [PosixSignal.SIGINT, PosixSignal.SIGTERM, PosixSignal.SIGHUP];

    private readonly CancellationTokenSource _cts = new();
    private readonly List<PosixSignalRegistration> _registrations = [];
    private int _received;

    private ShutdownSignals()
    {
    }

    /// <summary>Cancelled by the first of SIGINT, SIGTERM or SIGHUP.</summary>
    public CancellationToken Token => _cts.Token;

    /// <summary>The first signal received; null while none has come.</summary>
    public PosixSignal? Received => _received == 0 ? null : (PosixSignal)_received;

    public bool Requested => _cts.IsCancellationRequested;

    /// <summary>Starts listening; dispose to give the signals their default action back.</summary>
    public static ShutdownSignals Listen()
    {
        var signals = new ShutdownSignals();
        foreach (var signal in Handled)
        {
            signals._registrations.Add(PosixSignalRegistration.Create(signal, signals.OnSignal));
        }
        return signals;
    }

    /// <summary>"SIGHUP" for the report of an interrupted run.</summary>
    public static string Name(PosixSignal signal) => signal switch
    {
        PosixSignal.SIGINT => "SIGINT",
        PosixSignal.SIGTERM => "SIGTERM",
        PosixSignal.SIGHUP => "SIGHUP",
        _ => signal.ToString(),
    };

    private void OnSignal(PosixSignalContext context)
    {
        context.Cancel = true;
        Interlocked.CompareExchange(ref _received, (int)context.Signal, 0);
        try
        {
            _cts.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // A signal racing Dispose: the work it would stop is already over.
        }
    }

    public void Dispose()
    {
        foreach (var registration in _registrations)
        {
            registration.Dispose();
        }
        _cts.Dispose();
    }
}
