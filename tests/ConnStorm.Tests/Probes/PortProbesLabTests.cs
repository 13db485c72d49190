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
        var withPorts = run.Doc.Cases.Where(c => c.Probe is "port-sequence" or "port-exhaustion" or "no-port" && c.Values is { Count: > 0 }).ToList();
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
    public void Ip_local_port_range_over_tcp_and_udp_ipv4_and_ipv6_keeps_every_port_inside_the_option_and_the_namespace_range()
    {
        int matrix = 0;
        foreach (var c in run.Cases("local-port-range").Where(c => c.Inputs.ContainsKey("protocol")))
        {
            matrix++;
            var (lo, hi) = Bounds(c.Inputs["ip_local_port_range"]);
            var (olo, ohi) = Bounds(c.Inputs["option"]);
            // A bound of 0 in the option stands for the namespace's own.
            (olo, ohi) = (olo == 0 ? lo : olo, ohi == 0 ? hi : ohi);
            Assert.True(c.Outcome == ProbeCase.Ok, $"{c.Case}: {c.Said()} from {c.Inputs["failed_call"]}");
            Assert.Equal(ConnStorm.Probes.Catalogue.LocalPortRangeProbe.FamilySockets, c.Values!.Count);
            Assert.All(c.Values!, p => Assert.InRange(p, Math.Max(lo, olo), Math.Min(hi, ohi)));
            Assert.Equal(c.Values!.Count, c.Values.Distinct().Count());
            // The second path: /proc/net lists each port for a socket of the probe (or, for a TCP socket only bound, a plain bind() of it is refused).
            Assert.True(c.Numbers["confirmed_share"] == 1, $"{c.Case}: {c.Numbers["confirmed_share"]} of its ports confirmed by {c.Inputs["confirmed_by"]}");
            if (c.Numbers.TryGetValue("port_after_bind", out double afterBind))
            {
                Assert.Equal(0, afterBind);
            }
        }
        Assert.Equal(2 * 2 * 3 * ConnStorm.Probes.Catalogue.LocalPortRangeProbe.MatrixRanges.Count, matrix);
    }

    [LabFact]
    public void Held_ports_getsockname_and_proc_net_tcp_agree_on_whether_connect_took_the_held_port_and_the_range_is_used_once_each()
    {
        var cases = run.Cases("held-ports");
        Assert.Equal(ConnStorm.Probes.Catalogue.HeldPortsProbe.Holders.Count, cases.Count);
        foreach (var c in cases)
        {
            Assert.True(c.Numbers["holder_ok"] == 1, $"{c.Case}: the holder got errno {c.Numbers["holder_errno"]}");
            bool took = c.Numbers["took_held"] == 1;
            Assert.True(took == (c.Numbers["proc_tcp_connections_from_held"] > 0), $"{c.Case}: getsockname says {(took ? "taken" : "not taken")}, /proc/net/tcp lists {c.Numbers["proc_tcp_connections_from_held"]}");
            // Every port of the range serves the destination once, less the held port when connect() left it alone.
            Assert.Equal(c.Values!.Count, c.Values.Distinct().Count());
            Assert.All(c.Values!, p => Assert.InRange(p, ConnStorm.Probes.Catalogue.HeldPortsProbe.RangeLo, ConnStorm.Probes.Catalogue.HeldPortsProbe.RangeHi));
            Assert.Equal(c.Numbers["range_size"] - (took ? 0 : 1), c.Numbers["connects_ok"]);
            Assert.Equal("EADDRNOTAVAIL", c.Errno);
        }
        // Nobody holding the port: the whole range is used, the held port with it.
        Assert.Equal(1, run.Case("held-ports", "nobody").Numbers["took_held"]);
    }

    [LabFact]
    public void Connect_cost_fills_every_port_of_the_range_once_then_gets_eaddrnotavail_and_its_ratios_are_the_curve_s()
    {
        var c = run.Case("connect-cost", ConnStorm.Results.Reductions.ConnectCost.Case);
        Assert.Equal(c.Numbers["range_size"], c.Numbers["connects_ok"]);
        Assert.Equal("EADDRNOTAVAIL", c.Errno);
        Assert.Equal(0, c.Numbers["time_wait_left"]);
        Assert.Equal(ConnStorm.Results.Reductions.ConnectCost.Windows, c.Values!.Count);
        Assert.All(c.Values!, v => Assert.True(v > 0));
        foreach (int fill in new[] { 50, 90, 99 })
        {
            double fromCurve = ConnStorm.Results.Reductions.ConnectCost.RatioAt(c.Values!, fill)!.Value;
            Assert.Equal(Math.Round(fromCurve, 3), c.Numbers[ConnStorm.Results.Reductions.ConnectCost.RatioKey(fill)], 3);
        }
    }

    [LabFact]
    public void The_run_draws_the_connect_cost_plot()
    {
        _ = run.Doc;
        ConnStorm.Tests.Plots.Rendered.Svg(Path.Combine(run.Dir, "connect-cost.svg"), "connect() cost as one destination's port space fills", "50% full", "99% full");
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
            ConnStorm.Probes.Catalogue.LocalPortRangeProbe.Everywhere,
            ConnStorm.Probes.Catalogue.HeldPortsProbe.HeldClaim,
            ConnStorm.Probes.Catalogue.HeldPortsProbe.ReleasedClaim,
            ConnStorm.Probes.Catalogue.ConnectCostProbe.SlowerClaim,
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
