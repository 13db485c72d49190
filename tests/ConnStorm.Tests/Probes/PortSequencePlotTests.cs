using ConnStorm.Probes;
using ConnStorm.Tests.Plots;
using ConnStorm.Tests.Results;

namespace ConnStorm.Tests.Probes;

/// <summary>port-sequence.png from a hand-made probes document.</summary>
public sealed class PortSequencePlotTests
{
    private static ProbesDocument Doc(params ProbeCase[] cases) => new() { KernelRelease = "6.0-test", Cases = cases };

    private static ProbeCase Series(string name, params long[] ports) => new()
    {
        Probe = "port-sequence",
        Case = name,
        Outcome = ProbeCase.Observed,
        Inputs = new Dictionary<string, string> { ["ip_local_port_range"] = "40000 40999" },
        Values = ports,
    };

    [GnuplotFact]
    public void The_plot_renders_from_the_values_of_port_sequence_cases()
    {
        using var dir = new TempDir();
        var doc = Doc(Series("connect-to-a", 40000, 40002, 40004), Series("bind-any-port", 40001, 40017, 40005));
        Assert.Equal("port-sequence", PortSequencePlot.WriteAndRender(dir.Path, doc));
        Assert.True(new FileInfo(dir.File("port-sequence.png")).Length > 0);
        Assert.True(File.Exists(dir.File("port-sequence.svg")));
        var csv = dir.Lines("port-sequence.csv");
        Assert.Equal("case,call,port", csv[0]);
        Assert.Contains("bind-any-port,2,40017", csv);
        Assert.Equal(7, csv.Length);
    }

    [Fact]
    public void Without_values_there_is_no_plot_and_no_file()
    {
        using var dir = new TempDir();
        var other = new ProbeCase { Probe = "shared-port", Case = "x", Outcome = ProbeCase.Ok, Values = [1, 2] };
        Assert.Null(PortSequencePlot.WriteAndRender(dir.Path, Doc(Series("connect-to-a"), other)));
        Assert.False(File.Exists(dir.File("port-sequence.csv")));
    }
}
