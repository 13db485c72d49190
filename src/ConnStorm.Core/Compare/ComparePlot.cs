using ConnStorm.Plots;

namespace ConnStorm.Compare;

/// <summary>A plot over several folders: a data extract NAME.csv and a script NAME.gp that reads only it.</summary>
internal abstract class ComparePlot : PlotScript
{
    public string DataFile => Name + ".csv";

    /// <summary>Compare plots read a report, not one results folder, so they never take part in <c>connstorm plot</c>.</summary>
    public sealed override string? Build(PlotInput input) => null;

    /// <summary>The extract and the script, or null when the folders hold nothing this plot can show.</summary>
    public abstract (string Data, string Script)? Build(CompareReport report);

    /// <summary>The shared frame, with its header naming the extract instead of runs.csv.</summary>
    protected string CompareFrame(string about, int width, int height, string preamble, string body) =>
        Frame(about, width, height, preamble, body).Replace("from runs.csv.", $"from {DataFile}.", StringComparison.Ordinal);

    /// <summary>"kernels 6.8.0 (vm) vs 6.18.44 (vm)": the second title line.</summary>
    protected static string Subtitle(CompareReport report) =>
        "kernels " + string.Join(" vs ", report.Columns.Select(c => $"{c.Kernel} ({Place(c)})"));

    /// <summary>The host name, or where it ran when there is none (a micro-VM reports "(none)").</summary>
    private static string Place(CompareColumn c) =>
        c.Host is { Length: > 0 } h && h != "(none)" ? (c.Where == "vm" ? $"vm, {h}" : h) : c.Where ?? "?";
}
