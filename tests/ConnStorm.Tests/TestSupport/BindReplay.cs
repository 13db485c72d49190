using System.Net;
using System.Net.Sockets;

namespace ConnStorm.Tests.TestSupport;

/// <summary>
/// The second path for bind cases: the same sockets made again through System.Net.Sockets (not
/// ConnStorm's raw calls), in the test's own namespace, on a port free at that moment. What the
/// kernel answers there must be what it answered the probe.
/// </summary>
public static class BindReplay
{
    /// <summary>One socket of a sequence: where it binds, its options, whether it then listens.</summary>
    public sealed record Step(IPAddress Address, bool V6Only, bool ReuseAddr, bool ReusePort, bool Listen);

    /// <summary>Per step: "ok", or the failing call and its errno name ("bind EADDRINUSE", "listen EADDRINUSE").</summary>
    public static IReadOnlyList<string> Run(IReadOnlyList<Step> steps)
    {
        var open = new List<Socket>();
        var answers = new List<string>();
        int port = FreePort();
        try
        {
            foreach (var step in steps)
            {
                // ProtocolType.Unspecified (the kernel still makes TCP): with ProtocolType.Tcp, .NET sets SO_REUSEADDR in Bind() on Unix.
                var socket = new Socket(step.Address.AddressFamily, SocketType.Stream, ProtocolType.Unspecified);
                open.Add(socket);
                if (step.Address.AddressFamily == AddressFamily.InterNetworkV6)
                {
                    socket.DualMode = !step.V6Only;
                }
                // Raw, as .NET's ReuseAddress would set SO_REUSEPORT too.
                if (step.ReuseAddr) socket.SetRawSocketOption(1, 2, BitConverter.GetBytes(1));
                if (step.ReusePort) socket.SetRawSocketOption(1, 15, BitConverter.GetBytes(1));
                string call = "bind";
                try
                {
                    socket.Bind(new IPEndPoint(step.Address, port));
                    call = "listen";
                    if (step.Listen) socket.Listen(16);
                    answers.Add("ok");
                }
                catch (SocketException e)
                {
                    answers.Add($"{call} {Name(e.SocketErrorCode)}");
                }
            }
        }
        finally
        {
            foreach (var s in open) s.Dispose();
        }
        return answers;
    }

    /// <summary>A port no TCP socket holds now, on any address of either family.</summary>
    private static int FreePort()
    {
        using var probe = new Socket(AddressFamily.InterNetworkV6, SocketType.Stream, ProtocolType.Tcp) { DualMode = true };
        probe.Bind(new IPEndPoint(IPAddress.IPv6Any, 0));
        return ((IPEndPoint)probe.LocalEndPoint!).Port;
    }

    private static string Name(SocketError e) => e switch
    {
        SocketError.AddressAlreadyInUse => "EADDRINUSE",
        SocketError.AddressNotAvailable => "EADDRNOTAVAIL",
        SocketError.InvalidArgument => "EINVAL",
        SocketError.AccessDenied => "EACCES",
        _ => e.ToString(),
    };
}
