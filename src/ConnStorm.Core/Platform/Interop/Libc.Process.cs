using System.Runtime.InteropServices;
using System.Runtime.Versioning;

namespace ConnStorm.Platform.Interop;

[SupportedOSPlatform("linux")]
internal static unsafe partial class Libc
{
    private const string LibC = "libc";

    internal const int SIGKILL = 9;
    internal const int SIGTERM = 15;

    internal const int RLIMIT_NOFILE = 7;

    [StructLayout(LayoutKind.Sequential)]
    internal struct RLimit
    {
        public ulong Current;
        public ulong Maximum;
    }

    [LibraryImport(LibC, EntryPoint = "getrlimit", SetLastError = true)]
    internal static partial int GetRLimit(int resource, RLimit* limit);

    [LibraryImport(LibC, EntryPoint = "setrlimit", SetLastError = true)]
    internal static partial int SetRLimit(int resource, RLimit* limit);

    [LibraryImport(LibC, EntryPoint = "geteuid")]
    internal static partial uint GetEUid();

    [LibraryImport(LibC, EntryPoint = "kill", SetLastError = true)]
    internal static partial int Kill(int pid, int signal);
}
