using ConnStorm.Results;
using ConnStorm.Results.Reductions;

namespace ConnStorm.Tests.Results.Reductions;

public sealed class CompareRangeSeriesTests
{
    [Fact]
    public void Each_variant_gets_a_line_per_folder_and_series_and_a_series_keeps_its_index_in_every_folder()
    {
        var a = new CompareSource(1, "a", "6.1", "vm", null) { Runs = [Rows.Run(1, "connect", targets: 1), Rows.Run(2, "connect", targets: 3, held: 3000), Rows.Run(3, "bind")] };
        var b = new CompareSource(2, "b", "6.8", "vm", null) { Runs = [Rows.Run(1, "connect", targets: 3, held: 2900), Rows.Run(2, "connect", targets: 3, held: 3100)] };

        var variants = CompareRangeSeries.Of(new CompareFile("runs", [a, b]));

        Assert.Equal(["connect", "bind"], variants.Select(v => v.Variant));
        var connect = variants[0].Lines;
        Assert.Equal([(1, 0), (1, 1), (2, 1)], connect.Select(l => (l.Folder, l.SeriesIndex)));
        // Folder 2 ran 3 targets twice at one size: the line joins the mean.
        Assert.Equal([new Point(1000, 3000)], connect[2].Means);
        Assert.Equal("3 targets, 1 source IP", connect[2].Label);
    }
}
