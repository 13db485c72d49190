using System.Buffers.Text;
using System.Diagnostics;
using System.Globalization;
using ConnStorm.Results;
using ConnStorm.Sockets;

namespace ConnStorm.Engine;

/// <summary>
/// The lines a worker writes on stdout, one event each, space separated:
/// <code>
/// Y key value...        a sysctl as read inside the worker's namespace
/// R soft hard raised    ready (RLIMIT_NOFILE before/after raising the soft limit)
/// C seq t_us source target_index connect_us open syscall_us [kernel_us retransmits]   established (the last two for sampled connections)
/// F seq t_us source target_index phase errno open    failed (source "-" when none)
/// E attempted established failures open first_us last_us reason   connect phase over
/// H open                hold over
/// M stage rss_kb       the worker's resident memory at a stage (ready, connected; peak: VmHWM at the end)
/// W t_us tw             TIME_WAIT sockets in the worker's namespace (/proc/net/sockstat), every timeline interval
/// X message             the worker could not run
/// </code>
/// and the parent writes on the worker's stdin: the plan as one JSON line, then
/// <c>G t0_ticks</c> (go; shared time origin: Stopwatch ticks, the host's CLOCK_MONOTONIC; a t0 in the future is waited for by the worker itself),
/// <c>T</c> (your turn: a worker whose plan says WaitsForTurn starts its attempts only then),
/// <c>A</c> (all workers' connect phases are over: the hold begins) and <c>S</c> (stop). EOF on stdin means stop.
/// A worker keeps its connections from its E line until A: closed earlier, their ports could go to a
/// worker still connecting (a TIME_WAIT pair is reusable on loopback as soon as the kernel's seconds
/// counter ticks), and the run would count more connections than were ever open at once.
/// </summary>
public static class WorkerProtocol
{
    public const char Sysctl = 'Y', Ready = 'R', Connected = 'C', Failed = 'F', ConnectPhaseOver = 'E', HoldOver = 'H', Memory = 'M', TimeWait = 'W', Error = 'X';
    public const string Go = "G", Stop = "S", AllConnected = "A", Turn = "T";

    /// <summary>Parses a C line. Returns false for any other line.</summary>
    public static bool TryParseConnected(string line, string[] targets, out ConnectionRecord record, out long open) =>
        TryParseConnected(line, targets, out record, out open, out _);

    /// <summary>Parses a C line, with the kernel's share of its latency when the connection was sampled (null otherwise).</summary>
    public static bool TryParseConnected(string line, string[] targets, out ConnectionRecord record, out long open, out KernelShare? share)
    {
        record = null!;
        open = 0;
        share = null;
        if (line.Length < 2 || line[0] != Connected)
        {
            return false;
        }
        // Walked field by field over the line's span: the parent reads one C line per connection,
        // and a Split would make an array and seven strings of each.
        var rest = line.AsSpan(2);
        long seq = Next(ref rest), tUs = Next(ref rest);
        var source = NextField(ref rest);
        long target = Next(ref rest), connectUs = Next(ref rest);
        open = Next(ref rest);
        long syscallUs = rest.IsEmpty ? 0 : Next(ref rest);
        if (!rest.IsEmpty)
        {
            long kernelUs = Next(ref rest);
            share = new KernelShare(kernelUs, rest.IsEmpty ? 0 : (int)Next(ref rest));
        }
        record = new ConnectionRecord(seq, tUs / 1000.0, source.ToString(), targets[(int)target], connectUs, syscallUs);
        return true;
    }

    private static ReadOnlySpan<char> NextField(ref ReadOnlySpan<char> rest)
    {
        int space = rest.IndexOf(' ');
        var field = space < 0 ? rest : rest[..space];
        rest = space < 0 ? [] : rest[(space + 1)..];
        return field;
    }

    private static long Next(ref ReadOnlySpan<char> rest) =>
        long.Parse(NextField(ref rest), NumberStyles.Integer, CultureInfo.InvariantCulture);

    public static bool TryParseFailed(string line, string[] targets, out FailureRecord record)
    {
        record = null!;
        if (line.Length < 2 || line[0] != Failed)
        {
            return false;
        }
        var f = line.Split(' ');
        record = new FailureRecord(L(f[2]) / 1000.0, L(f[1]), L(f[7]), targets[(int)L(f[4])],
            f[3] == "-" ? "" : f[3], FailurePhaseNames.Parse(f[5]), (int)L(f[6]));
        return true;
    }

    /// <summary>Parses a W line into its time (ms) and TIME_WAIT count. Returns false for any other line.</summary>
    public static bool TryParseTimeWait(string line, out double tMs, out long timeWait)
    {
        tMs = 0;
        timeWait = 0;
        if (line.Length < 2 || line[0] != TimeWait)
        {
            return false;
        }
        var f = line.Split(' ');
        tMs = L(f[1]) / 1000.0;
        timeWait = L(f[2]);
        return true;
    }

    public static string FormatTimeWait(long tUs, long timeWait) =>
        string.Create(CultureInfo.InvariantCulture, $"{TimeWait} {tUs} {timeWait}");

    public static EngineOutcome ParseConnectPhaseOver(string line)
    {
        var f = line.Split(' ');
        return new EngineOutcome(L(f[1]), L(f[2]), L(f[3]), L(f[4]), L(f[5]), L(f[6]), Enum.Parse<StopReason>(f[7]));
    }

    public static string FormatConnectPhaseOver(EngineOutcome o) =>
        string.Create(CultureInfo.InvariantCulture,
            $"{ConnectPhaseOver} {o.Attempted} {o.Established} {o.Failures} {o.OpenAtEnd} {o.FirstAttemptUs} {o.LastOutcomeUs} {o.Reason}");

    private static long L(string s) => long.Parse(s, NumberStyles.Integer, CultureInfo.InvariantCulture);
}

/// <summary>
/// The worker's side: an observer that encodes events straight into a UTF-8 buffer
/// (no allocation per connection) and flushes it at most every 50 ms or when full.
/// </summary>
public sealed class WorkerEventWriter : IAttemptObserver, IDisposable
{
    private readonly Stream _out;
    private readonly byte[] _buffer = new byte[64 * 1024];
    private readonly bool _reportConnections;
    private int _used;
    private long _lastFlush = Stopwatch.GetTimestamp();
    private readonly object _lock = new();

    public WorkerEventWriter(Stream output, bool reportConnections)
    {
        _out = output;
        _reportConnections = reportConnections;
    }

    public void Established(long seq, long tUs, in SockAddr source, int targetIndex, long connectUs, long syscallUs, long open, long kernelUs = -1, int retransmits = 0)
    {
        lock (_lock)
        {
            Reserve(160);
            var span = _buffer.AsSpan(_used);
            int n = 0;
            span[n++] = (byte)WorkerProtocol.Connected;
            Num(span, ref n, seq);
            Num(span, ref n, tUs);
            span[n++] = (byte)' ';
            if (_reportConnections && source.TryFormatUtf8(span[n..], out int w) && w > 0)
            {
                n += w;
            }
            else
            {
                span[n++] = (byte)'-';
            }
            Num(span, ref n, targetIndex);
            Num(span, ref n, connectUs);
            Num(span, ref n, open);
            Num(span, ref n, syscallUs);
            if (kernelUs >= 0)
            {
                Num(span, ref n, kernelUs);
                Num(span, ref n, retransmits);
            }
            span[n++] = (byte)'\n';
            _used += n;
            MaybeFlush();
        }
    }

    public void Failed(long seq, long tUs, in SockAddr source, int targetIndex, FailurePhase phase, int errno, long open)
    {
        lock (_lock)
        {
            string src = source.Length == 0 ? "-" : source.ToString();
            WriteLineLocked(string.Create(CultureInfo.InvariantCulture,
                $"{WorkerProtocol.Failed} {seq} {tUs} {src} {targetIndex} {phase.ToName()} {errno} {open}"));
        }
    }

    public void WriteLine(string line)
    {
        lock (_lock)
        {
            WriteLineLocked(line);
            Flush();
        }
    }

    private void WriteLineLocked(string line)
    {
        Reserve(line.Length * 3 + 1);
        _used += System.Text.Encoding.UTF8.GetBytes(line, _buffer.AsSpan(_used));
        _buffer[_used++] = (byte)'\n';
        MaybeFlush();
    }

    private static void Num(Span<byte> span, ref int n, long value)
    {
        span[n++] = (byte)' ';
        Utf8Formatter.TryFormat(value, span[n..], out int w);
        n += w;
    }

    private void Reserve(int bytes)
    {
        if (_used + bytes > _buffer.Length)
        {
            Flush();
        }
    }

    private void MaybeFlush()
    {
        long now = Stopwatch.GetTimestamp();
        if (now - _lastFlush > Stopwatch.Frequency / 20)
        {
            Flush();
        }
    }

    public void Flush()
    {
        lock (_lock)
        {
            if (_used > 0)
            {
                _out.Write(_buffer, 0, _used);
                _used = 0;
            }
            _out.Flush();
            _lastFlush = Stopwatch.GetTimestamp();
        }
    }

    public void Dispose() => Flush();
}
