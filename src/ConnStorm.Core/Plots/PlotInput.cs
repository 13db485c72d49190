using ConnStorm.Results;

namespace ConnStorm.Plots;

/// <summary>What every plot reads: the results folder, its runs.csv rows and header, the subtitle.</summary>
internal sealed record PlotInput(string Dir, IReadOnlyList<RunRow> Runs, IReadOnlyList<string> RunsHeader, string? Subtitle)
{
    public static PlotInput Load(string dir, string? subtitle)
    {
        var runsPath = Path.Combine(dir, RunsCsv.FileName);
        return new PlotInput(dir, RunsCsv.Read(runsPath), CsvPeek.Header(runsPath), subtitle);
    }

    /// <summary>A run's file as gnuplot should name it from the results folder ("runs/003-x/timeline.csv").</summary>
    public static string RelativeFile(RunRow run, string file)
    {
        var dir = run.RunDir.Replace('\\', '/').Trim().TrimEnd('/');
        return dir is "" or "." ? file : $"{dir}/{file}";
    }

    public string FullPath(string relative) => Path.Combine(Dir, relative);

    /// <summary>What a panel calls a run: its folder name in a sweep, "run N" in a single run.</summary>
    public static string RunId(RunRow run)
    {
        var dir = run.RunDir.Replace('\\', '/').Trim().TrimEnd('/');
        return dir is "" or "." ? $"run {run.Run}" : dir[(dir.LastIndexOf('/') + 1)..];
    }

    /// <summary>
    /// A panel's title as gnuplot text: the run id, and below it "bind, 4000 ports, 4 targets" plus
    /// <paramref name="more"/>. Two lines, because in a 4×4 grid one line runs into the next panel.
    /// </summary>
    public static string PanelTitle(RunRow run, string more = "")
    {
        var range = run.PortRangeSize is { } size ? $"{size} ports" : "port range unknown";
        return GnuplotText.Title(RunId(run), $"{run.Variant}, {range}, {Plural(run.Targets, "target")}{more}");
    }

    public static string Plural(long n, string noun) => n == 1 ? $"1 {noun}" : $"{n} {noun}s";
}
