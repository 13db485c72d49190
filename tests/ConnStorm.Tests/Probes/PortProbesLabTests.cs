using System.Globalization;
using ConnStorm.Probes;
using ConnStorm.Tests.TestSupport;

namespace ConnStorm.Tests.Probes;

/// <summary>
/// The port probes run for real through the CLI, each in a lab namespace, checked against rules
/// that hold on every kernel: never against one kernel's numbers.
/// </summary>
[Collection(LabCollection.Name)]
public sealed class PortProbesLabTests(PortProbesRun run) : IClassFixture<PortProbesRun>
{
    /// <summary>"40000 40999" or "40400-40799" as bounds.</summary>
    private static (long Lo, long Hi) Bounds(string range)
    {
        var parts = range.Split([' ', '-'], StringSplitOptions.RemoveEmptyEntries);
        return (long.Parse(parts[0], CultureInfo.InvariantCulture), long.Parse(parts[1], CultureInfo.InvariantCulture));
    }

    [LabFact]
    public void Every_probe_ran_to_its_end_without_an_error()
    {
        foreach (string name in PortProbesRun.Names)
        {
            var info = Assert.Single(run.Doc.Probes, p => p.Name == name);
            Assert.Null(info.Error);
            Assert.NotEmpty(run.Cases(name));
        }
    }

    [LabFact]
    public void Every_port_chosen_lies_inside_the_configured_range()
    {
        var withPorts = run.Doc.Cases.Where(c => c.Probe != "local-port-range" && c.Values is { Count: > 0 }).ToList();
        Assert.NotEmpty(withPorts);
        foreach (var c in withPorts)
        {
            var (lo, hi) = Bounds(c.Inputs["ip_local_port_range"]);
            Assert.All(c.Values!, p => Assert.InRange(p, lo, hi));
            // A socket's own range can only narrow the namespace's: its ports lie in both.
            if (c.Inputs.TryGetValue("ip_local_port_range_option", out var option) && c.Outcome != ProbeCase.Error)
            {
                var (olo, ohi) = Bounds(option);
                Assert.All(c.Values!, p => Assert.InRange(p, olo, ohi));
            }
        }
    }

    [LabFact]
    public void No_port_repeats_while_its_socket_is_open_to_the_same_destination()
    {
        string[] oneDestination = ["connect-to-a", "connect-to-b", "bind-any-port", "connect-to-a-with-local-port-range", "connect-to-a-odd-start"];
        foreach (string name in oneDestination)
        {
            var c = run.Case("port-sequence", name);
            Assert.Equal(c.Values!.Count, c.Values.Distinct().Count());
        }
        foreach (string name in new[] { "connect-one-destination", "bind-then-connect", "bind-no-port-then-connect", "connect-narrowed-range" })
        {
            var c = run.Case("port-exhaustion", name);
            Assert.Equal(c.Values!.Count, c.Values.Distinct().Count());
        }
        // Two destinations in turn: the 4-tuple (port, destination) is what must be unique.
        var two = run.Case("port-exhaustion", "connect-two-destinations");
        var tuples = two.Values!.Select((p, i) => (p, i % 2)).ToList();
        Assert.Equal(tuples.Count, tuples.Distinct().Count());
    }

    [LabFact]
    public void Connect_to_one_destination_and_bind_to_port_zero_each_get_exactly_the_range_size()
    {
        foreach (string name in new[] { "connect-one-destination", "bind-then-connect" })
        {
            var c = run.Case("port-exhaustion", name);
            Assert.Equal(20, c.Numbers["range_size"]);
            Assert.Equal(20, c.Numbers["succeeded"]);
            Assert.Equal(ProbeCase.Error, c.Outcome);
        }
    }

    [LabFact]
    public void Ip_local_port_range_with_lo_above_hi_is_refused_with_some_errno()
    {
        var c = run.Case("local-port-range", "lo-greater-than-hi");
        Assert.Equal(ProbeCase.Error, c.Outcome);
        Assert.False(string.IsNullOrEmpty(c.Errno));
    }

    [LabFact]
    public void Ports_connect_picks_under_ip_local_port_range_stay_inside_the_namespace_range()
    {
        foreach (var c in run.Cases("local-port-range").Where(c => c.Values is { Count: > 0 }))
        {
            var (lo, hi) = Bounds(c.Inputs["ip_local_port_range"]);
            Assert.All(c.Values!, p => Assert.InRange(p, lo, hi));
        }
    }

    [LabFact]
    public void Every_claim_is_present_and_names_only_cases_of_the_run()
    {
        var ids = run.Doc.Cases.Select(c => c.Id).ToHashSet();
        string[] expected =
        [
            ConnStorm.Probes.Catalogue.PortSequenceProbe.Sequential,
            ConnStorm.Probes.Catalogue.PortSequenceProbe.Parity,
            ConnStorm.Probes.Catalogue.PortSequenceProbe.Destination,
            ConnStorm.Probes.Catalogue.NoPortProbe.Defers,
            ConnStorm.Probes.Catalogue.PortExhaustionProbe.Claim,
            ConnStorm.Probes.Catalogue.LocalPortRangeProbe.Narrow,
        ];
        foreach (string claim in expected)
        {
            var found = Assert.Single(run.Doc.Claims, c => c.Claim == claim);
            Assert.NotEmpty(found.Cases);
            Assert.All(found.Cases, id => Assert.Contains(id, ids));
        }
    }

    [LabFact]
    public void The_run_draws_the_port_sequence_plot_and_probes_md_embeds_it()
    {
        _ = run.Doc;
        Assert.True(File.Exists(Path.Combine(run.Dir, "port-sequence.png")));
        ConnStorm.Tests.Plots.Rendered.Svg(Path.Combine(run.Dir, "port-sequence.svg"), "Ephemeral port chosen by each successive call");
        Assert.Contains("port-sequence.png", File.ReadAllText(Path.Combine(run.Dir, ConnStorm.Results.ResultFiles.ProbesReport)), StringComparison.Ordinal);
    }

    [LabFact]
    public void The_probe_run_leaves_no_namespace_behind()
    {
        Assert.Empty(Leftovers.NamespacesOf(run.Cli.Pid));
    }
}
