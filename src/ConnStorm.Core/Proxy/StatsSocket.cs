using System.Net.Sockets;
using System.Text;

namespace ConnStorm.Proxy;

/// <summary>
/// HAProxy's admin socket: one command per connection, the answer read to EOF. A Unix socket is
/// a path, not a network endpoint, so the parent reaches it from outside the lab namespace.
/// </summary>
public static class StatsSocket
{
    public static string Ask(string path, string command, TimeSpan timeout)
    {
        using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        socket.ReceiveTimeout = (int)timeout.TotalMilliseconds;
        socket.SendTimeout = (int)timeout.TotalMilliseconds;
        socket.Connect(new UnixDomainSocketEndPoint(path));
        socket.Send(Encoding.ASCII.GetBytes(command + "\n"));
        var answer = new StringBuilder();
        var buffer = new byte[64 * 1024];
        int n;
        while ((n = socket.Receive(buffer)) > 0)
        {
            answer.Append(Encoding.ASCII.GetString(buffer, 0, n));
        }
        return answer.ToString();
    }

    /// <summary>Null when the socket does not answer (HAProxy gone or not yet up).</summary>
    public static string? TryAsk(string path, string command, TimeSpan timeout)
    {
        try
        {
            return File.Exists(path) ? Ask(path, command, timeout) : null;
        }
        catch (Exception e) when (e is SocketException or IOException)
        {
            return null;
        }
    }
}
