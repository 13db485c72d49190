using System.Text;
using ConnStorm.Results;
using static ConnStorm.Plots.GnuplotText;

namespace ConnStorm.Plots;

/// <summary>
/// connect-latency: one panel per run that kept connections.csv: connect latency (log) against how
/// full the port space was when the connection was made, even and odd source ports apart (the
/// kernel's port search prefers one parity for connect(), so the two often behave differently).
/// </summary>
internal sealed class ConnectLatencyPlot : PlotScript
{
    /// <summary>Above this many rows a run is thinned with `every N`, so a PNG renders in seconds.</summary>
    public const long MaxPointsPerRun = 20_000;

    public override string Name => "connect-latency";

    public override string? Build(PlotInput input)
    {
        var runs = input.Runs.Where(r => File.Exists(input.FullPath(PlotInput.RelativeFile(r, RunRecorder.ConnectionsFile)))).ToList();
        if (runs.Count == 0)
        {
            return null;
        }

        var pre = new StringBuilder();
        bool syscall = CsvPeek.Column(CsvPeek.Header(input.FullPath(PlotInput.RelativeFile(runs[0], RunRecorder.ConnectionsFile))), "syscall_us") != 0;
        pre.Append(syscall
            ? "ylabel_text = 'time inside bind() + connect() (µs, log)'\n"
            : "ylabel_text = 'connect latency (µs, log)'\n");
        pre.Append("# The port is what follows the last ':' of the source column (\"10.0.0.1:40001\", \"[fd00::1]:40001\").\n");
        pre.Append("last_colon(s, i) = strstrt(s[i+1:], ':') > 0 ? last_colon(s, i + strstrt(s[i+1:], ':')) : i\n");
        pre.Append("port(s) = int(s[last_colon(s, 0)+1:])\n");
        pre.Append("# Log axis: a connect faster than the 1 µs resolution (0) is drawn at 1 µs.\n");
        pre.Append("at_least_1(x) = x < 1 ? 1 : x\n");
        pre.Append("# The SVG holds every point as an element: it keeps 1 in svg_thin of the points the PNG shows, to stay a few MB.\n");
        pre.Append("svg_thin = 5\n");

        var title = syscall ? "Time the kernel spends choosing a port (inside bind() + connect()) vs how full the port space is, per run"
            : "Connect latency vs how full the port space is, per run";
        var (grid, body) = Panels(runs, title, input.Subtitle,
            "set grid\nset logscale y\nset format y '%.0f'\nset xrange [0:*]\n" +
            "set xlabel 'connections made, % of the rule''s limit'\n" +
            "set ylabel ylabel_text\n" +
            "set key top left opaque font ',9' samplen 1\n" +
            "thin = format eq 'svg' ? svg_thin : 1\n",
            run => Panel(input, run), spaceAfterTitle: false);
        return Frame("connect latency against how full the port space is, even and odd source ports", grid.Width, grid.Height, pre.ToString(), body);
    }

    private static string Panel(PlotInput input, RunRow run)
    {
        var file = PlotInput.RelativeFile(run, RunRecorder.ConnectionsFile);
        var full = input.FullPath(file);
        var header = CsvPeek.Header(full);
        var source = CsvPeek.Column(header, "source");
        // syscall_us is the time inside bind() and connect(), where the kernel searches for a free
        // port: what grows as the range fills. connect_us also holds the wait for the handshake
        // and for the engine's loop, so it is the fallback for files written before syscall_us.
        var us = CsvPeek.Column(header, "syscall_us");
        if (us == 0)
        {
            us = CsvPeek.Column(header, "connect_us");
        }
        if (source == 0 || us == 0)
        {
            throw new InvalidDataException($"{file} has no source or syscall_us/connect_us column");
        }
        var rows = CsvPeek.CountRows(full);
        // Capacity as the port rules see it for this run (bind(ip, 0) has one range per source IP,
        // connect() one per destination); without a rule, the range × targets.
        long capacity = run.PredictedLimit ?? (run.PortRangeSize is { } size && run.Targets > 0 ? (long)size * run.Targets : 0);
        var capacityNote = "";
        if (capacity == 0)
        {
            capacity = Math.Max(rows, 1);
            capacityNote = " (range unknown: % of rows)";
        }
        var every = rows > MaxPointsPerRun ? (long)Math.Ceiling(rows / (double)MaxPointsPerRun) : 1;
        var sampleNote = every > 1 ? $", 1 in {every} of {rows} rows" : "";

        // With `every n::1` gnuplot numbers the kept rows 0, 1, 2...: row index = $0 × n.
        var x = $"($0 * n * 100.0 / {capacity})";
        var sb = new StringBuilder();
        sb.Append($"set title {PlotInput.PanelTitle(run, capacityNote + sampleNote)}\n");
        sb.Append($"n = {every} * thin\n");
        sb.Append("plot \\\n");
        sb.Append($"  {Quote(file)} every n::1 using {x}:(port(strcol({source})) % 2 == 0 ? at_least_1(column({us})) : NaN) with points pt 7 ps 0.35 lc rgb '{Palette.Even}' title 'even source port', \\\n");
        sb.Append($"  '' every n::1 using {x}:(port(strcol({source})) % 2 == 1 ? at_least_1(column({us})) : NaN) with points pt 7 ps 0.35 lc rgb '{Palette.Odd}' title 'odd source port'\n");
        return sb.ToString();
    }
}
