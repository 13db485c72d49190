using System.Runtime.Versioning;
using ConnStorm.Platform.Interop;

namespace ConnStorm.Platform;

/// <summary>kill(2) for the processes ConnStorm starts; a pid that is already gone is not an error.</summary>
[SupportedOSPlatform("linux")]
public static class Signals
{
    public const int SIGKILL = Libc.SIGKILL;
    public const int SIGTERM = Libc.SIGTERM;

    /// <summary>Sends <paramref name="signal"/>; false when the process no longer exists (ESRCH) or may not be signalled.</summary>
    public static bool Send(int pid, int signal) => Libc.Kill(pid, signal) == 0;

    /// <summary>geteuid(2): 0 for root.</summary>
    public static uint EffectiveUserId() => Libc.GetEUid();
}
