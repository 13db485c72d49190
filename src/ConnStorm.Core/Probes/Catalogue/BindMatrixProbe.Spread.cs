using System.Runtime.Versioning;
using ConnStorm.Sockets;
using static ConnStorm.Probes.ProbeSockets;
using static ConnStorm.Sockets.SocketOptions;

namespace ConnStorm.Probes.Catalogue;

internal sealed partial class BindMatrixProbe
{
    /// <summary>
    /// Two SO_REUSEPORT listeners on 127.0.0.1:P (one process: the kernel checks the effective
    /// uid, not the process), <see cref="SpreadConnections"/> clients; Values = connections each
    /// listener accepted. The listeners are non-blocking so counting them can never hang.
    /// </summary>
    private ProbeCase ReusePortSpread(ProbeEnvironment env, ProbeSockets s)
    {
        int[] listeners = new int[2];
        int setupRc = 0;
        for (int i = 0; i < listeners.Length; i++)
        {
            int fd = env.Track(RawSocket.OpenTcp(AF_INET, nonBlocking: true));
            listeners[i] = fd;
            int rc = fd < 0 ? fd : RawSocket.SetInt(fd, SOL_SOCKET, SO_REUSEPORT, 1);
            if (rc == 0) rc = Bind(fd, Loopback, SpreadPort);
            if (rc == 0) rc = Listen(fd);
            if (rc < 0 && setupRc == 0) setupRc = rc;
        }
        int connected = 0;
        var clients = new List<int>();
        for (int i = 0; setupRc == 0 && i < SpreadConnections; i++)
        {
            int c = s.Tcp();
            clients.Add(c);
            if (Connect(c, Loopback, SpreadPort) == 0) connected++;
        }
        var accepted = new long[listeners.Length];
        // Loopback completes the handshake before connect() returns; a short settle covers any straggler.
        Thread.Sleep(20);
        for (int i = 0; setupRc == 0 && i < listeners.Length; i++)
        {
            for (int tries = 0; tries < 2 * SpreadConnections; tries++)
            {
                int a = env.Track(RawSocket.Accept(listeners[i]));
                if (a < 0) break;
                accepted[i]++;
                s.Close(a);
            }
        }
        foreach (int fd in clients.Concat(listeners)) s.Close(fd);
        var (outcome, errno) = setupRc == 0 ? (ProbeCase.Observed, null) : ProbeCase.FromReturn(setupRc);
        return new ProbeCase
        {
            Probe = Name,
            Case = "reuseport-two-listeners-spread",
            Inputs = new Dictionary<string, string>
            {
                ["listeners"] = $"two sockets in this process, SO_REUSEPORT, 127.0.0.1:{SpreadPort}",
                ["clients"] = $"{SpreadConnections} connects",
            },
            Outcome = outcome,
            Errno = errno,
            Numbers = new Dictionary<string, double>
            {
                ["connected"] = connected,
                ["accepted_first"] = accepted[0],
                ["accepted_second"] = accepted[1],
            },
            Values = accepted,
        };
    }
}
