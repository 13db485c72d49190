using System.Text;

namespace ConnStorm.Plots;

/// <summary>
/// The frame every ConnStorm plot script shares: a header saying how to rerun it, CSV settings,
/// and a loop that draws the same body once to NAME.png (pngcairo) and once to NAME.svg.
/// </summary>
internal abstract class PlotScript
{
    public abstract string Name { get; }

    /// <summary>The whole script, or null when the results hold nothing this plot can show.</summary>
    public abstract string? Build(PlotInput input);

    /// <summary>
    /// A grid of per-run panels (see <see cref="PanelGrid"/>): the multiplot around them, the
    /// settings every panel shares, one panel per picked run. Returns the grid (for the image size)
    /// and the body to hand to <see cref="Frame"/>.
    /// </summary>
    /// <param name="spaceAfterTitle">Keys sitting above each panel need a blank line under the title.</param>
    protected static (PanelGrid Grid, string Body) Panels(IReadOnlyList<Results.RunRow> runs, string title, string? subtitle,
        string shared, Func<Results.RunRow, string> panel, bool spaceAfterTitle)
    {
        var grid = PanelGrid.For(runs.Count);
        var body = new StringBuilder();
        body.Append($"set multiplot layout {grid.Rows},{grid.Columns} title {GnuplotText.Title(title + grid.TitleNote, subtitle)}{(spaceAfterTitle ? " . \"\\n\"" : "")}\n");
        body.Append(shared);
        foreach (var run in grid.Pick(runs))
        {
            body.Append('\n').Append(panel(run));
        }
        body.Append("unset multiplot\n");
        return (grid, body.ToString());
    }

    /// <param name="about">One line on what the plot shows, for the header comment.</param>
    /// <param name="preamble">Settings and helper functions a user may want to change (drawn once).</param>
    /// <param name="body">The commands that draw the plot, run once per output format.</param>
    protected string Frame(string about, int width, int height, string preamble, string body) =>
        Frame(Name, "runs.csv", about, width, height, preamble, body);

    /// <summary>The same frame for a script outside the results-folder plots (the probes' port-sequence plot).</summary>
    /// <param name="source">What the data comes from, for the header comment ("runs.csv", "probes.json").</param>
    internal static string Frame(string name, string source, string about, int width, int height, string preamble, string body)
    {
        var sb = new StringBuilder();
        sb.Append($"# {name}.gp: {about}\n");
        sb.Append($"# Written by ConnStorm from {source}. Restyle freely, then run `gnuplot {name}.gp` in this folder:\n");
        sb.Append($"# it reads the CSV files next to it and draws {name}.png and {name}.svg.\n\n");
        sb.Append("set encoding utf8\n");
        sb.Append("set datafile separator \",\"\n");
        sb.Append($"width = {width}\nheight = {height}\n\n");
        sb.Append(preamble.TrimEnd('\n')).Append("\n\n");
        sb.Append("do for [format in 'png svg'] {\n");
        sb.Append("  if (format eq 'png') {\n");
        // noenhanced: run ids and errno names hold '_' and '^', which enhanced text would turn into sub/superscripts.
        sb.Append("    set terminal pngcairo size width,height noenhanced font 'Sans,11' background '#ffffff'\n");
        sb.Append($"    set output {GnuplotText.Quote(name + ".png")}\n");
        sb.Append("  } else {\n");
        sb.Append("    set terminal svg size width,height noenhanced dynamic font 'Sans,11' background '#ffffff'\n");
        sb.Append($"    set output {GnuplotText.Quote(name + ".svg")}\n");
        sb.Append("  }\n");
        foreach (var line in body.TrimEnd('\n').Split('\n'))
        {
            sb.Append(line.Length == 0 ? "\n" : "  " + line + "\n");
        }
        sb.Append("  unset output\n");
        sb.Append("}\n");
        return sb.ToString();
    }
}
