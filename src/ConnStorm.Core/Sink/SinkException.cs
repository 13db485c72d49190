using System.Net;

namespace ConnStorm.Sink;

/// <summary>A listener could not be set up; carries the endpoint and the errno the kernel returned.</summary>
public sealed class SinkException : Exception
{
    public SinkException()
    {
    }

    public SinkException(string message)
        : base(message)
    {
    }

    public SinkException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public SinkException(string message, IPEndPoint endpoint, int errno)
        : base(message)
    {
        Endpoint = endpoint;
        Errno = errno;
    }

    public IPEndPoint? Endpoint { get; }

    /// <summary>Positive errno (e.g. 98, EADDRINUSE), 0 when not from a syscall.</summary>
    public int Errno { get; }
}
