using System.Text.Json;
using ConnStorm.Results;
using ConnStorm.Results.Reductions;

namespace ConnStorm.Tests.Results.Reductions;

public sealed class PortSequencesTests
{
    private static ProbesFileCase Case(string name, long[]? values, string probe = "port-sequence", string? range = "40000 40999") => new()
    {
        Probe = probe,
        Case = name,
        Outcome = "observed",
        Values = values,
        Inputs = range is null ? null : new Dictionary<string, JsonElement> { ["ip_local_port_range"] = JsonSerializer.SerializeToElement(range) },
    };

    private static CompareSource Folder(int n, params ProbesFileCase[] cases) =>
        new(n, $"f{n}", $"6.{n}", "vm", "vm") { Probes = new ProbesFile { Cases = cases } };

    [Fact]
    public void Only_port_sequence_cases_with_values_are_plotted()
    {
        var probes = new ProbesFile { Cases = [Case("a", [40000, 40002]), Case("b", null), Case("c", [1], probe: "bind-matrix")] };

        Assert.Equal(["a"], PortSequences.Cases(probes).Select(c => c.Case));
        Assert.Equal([new Point(1, 40000), new Point(2, 40002)], PortSequences.Points([40000, 40002]));
    }

    [Fact]
    public void A_case_is_labelled_with_the_range_it_ran_on()
    {
        Assert.Equal("a (range 40000-40999)", PortSequences.Label(Case("a", [1])));
        Assert.Equal("b", PortSequences.Label(Case("b", [1], range: null)));
    }

    [Fact]
    public void Across_folders_each_case_lists_the_folders_that_have_it_and_says_when_they_agree()
    {
        var compare = new CompareFile("probes", [Folder(1, Case("a", [1, 2]), Case("b", [5])), Folder(2, Case("a", [1, 2]))]);

        var cases = PortSequences.Across(compare);

        Assert.Equal(["a", "b"], cases.Select(c => c.Case));
        Assert.Equal([1, 2], cases[0].Folders.Select(f => f.Folder.Number));
        Assert.True(PortSequences.Same(cases[0].Folders, 2));
        Assert.False(PortSequences.Same(cases[1].Folders, 2));
    }
}
