using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;

namespace ConnStorm.Sockets;

/// <summary>
/// A sockaddr_in / sockaddr_in6 held by value (28 bytes), built once per address and
/// handed to bind()/connect() without allocating.
/// </summary>
public unsafe struct SockAddr : IEquatable<SockAddr>
{
    public const int MaxLength = 28;
    private fixed byte _bytes[MaxLength];

    public int Length { get; private set; }

    public readonly int Family => Length == 0 ? 0 : Length == 16 ? SocketOptions.AF_INET : SocketOptions.AF_INET6;

    public static SockAddr From(IPAddress address, int port)
    {
        var a = default(SockAddr);
        var span = a.AsWritableSpan();
        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            BinaryPrimitives.WriteUInt16LittleEndian(span, SocketOptions.AF_INET);
            BinaryPrimitives.WriteUInt16BigEndian(span[2..], (ushort)port);
            address.TryWriteBytes(span.Slice(4, 4), out _);
            a.Length = 16;
        }
        else
        {
            BinaryPrimitives.WriteUInt16LittleEndian(span, SocketOptions.AF_INET6);
            BinaryPrimitives.WriteUInt16BigEndian(span[2..], (ushort)port);
            address.TryWriteBytes(span.Slice(8, 16), out _);
            BinaryPrimitives.WriteUInt32LittleEndian(span[24..], (uint)address.ScopeId);
            a.Length = 28;
        }
        return a;
    }

    public static SockAddr From(IPEndPoint endPoint) => From(endPoint.Address, endPoint.Port);

    /// <summary>Reads what the kernel wrote into a sockaddr buffer of <paramref name="length"/> bytes.</summary>
    public static SockAddr FromKernel(ReadOnlySpan<byte> bytes, int length)
    {
        var a = default(SockAddr);
        bytes[..Math.Min(length, MaxLength)].CopyTo(a.AsWritableSpan());
        a.Length = Math.Min(length, MaxLength);
        return a;
    }

    public readonly int Port
    {
        get
        {
            fixed (byte* p = _bytes)
            {
                return Length == 0 ? 0 : BinaryPrimitives.ReadUInt16BigEndian(new ReadOnlySpan<byte>(p + 2, 2));
            }
        }
    }

    public readonly IPAddress Address
    {
        get
        {
            fixed (byte* p = _bytes)
            {
                return Family switch
                {
                    SocketOptions.AF_INET => new IPAddress(new ReadOnlySpan<byte>(p + 4, 4)),
                    SocketOptions.AF_INET6 => new IPAddress(new ReadOnlySpan<byte>(p + 8, 16)),
                    _ => IPAddress.None,
                };
            }
        }
    }

    public readonly IPEndPoint ToEndPoint() => new(Address, Port);

    /// <summary>"127.0.0.1:40000" or "[::1]:40000".</summary>
    public override readonly string ToString() => Length == 0 ? "" : Format(Address, Port);

    /// <summary>Writes "ip:port" as UTF-8 without allocating for IPv4 (the hot path of a storm).</summary>
    public readonly bool TryFormatUtf8(Span<byte> destination, out int written)
    {
        written = 0;
        if (Length == 0)
        {
            return true;
        }
        if (Family == SocketOptions.AF_INET)
        {
            fixed (byte* p = _bytes)
            {
                for (int i = 0; i < 4; i++)
                {
                    if (i > 0)
                    {
                        if (written >= destination.Length) return false;
                        destination[written++] = (byte)'.';
                    }
                    if (!System.Buffers.Text.Utf8Formatter.TryFormat(p[4 + i], destination[written..], out int n)) return false;
                    written += n;
                }
            }
            if (written >= destination.Length) return false;
            destination[written++] = (byte)':';
            if (!System.Buffers.Text.Utf8Formatter.TryFormat(Port, destination[written..], out int m)) return false;
            written += m;
            return true;
        }
        return System.Text.Encoding.UTF8.TryGetBytes(ToString(), destination, out written);
    }

    public static string Format(IPAddress address, int port) =>
        address.AddressFamily == AddressFamily.InterNetworkV6 ? $"[{address}]:{port}" : $"{address}:{port}";

    internal Span<byte> AsWritableSpan()
    {
        fixed (byte* p = _bytes)
        {
            return new Span<byte>(p, MaxLength);
        }
    }

    internal readonly ReadOnlySpan<byte> AsSpan()
    {
        fixed (byte* p = _bytes)
        {
            return new ReadOnlySpan<byte>(p, Length);
        }
    }

    public readonly bool Equals(SockAddr other) => AsSpan().SequenceEqual(other.AsSpan());

    public override readonly bool Equals(object? obj) => obj is SockAddr other && Equals(other);

    public override readonly int GetHashCode()
    {
        var h = new HashCode();
        h.AddBytes(AsSpan());
        return h.ToHashCode();
    }

    public static bool operator ==(SockAddr left, SockAddr right) => left.Equals(right);

    public static bool operator !=(SockAddr left, SockAddr right) => !left.Equals(right);
}
