using ConnStorm.Probes;
using ConnStorm.Probes.Catalogue;

namespace ConnStorm.Tests.Probes;

/// <summary>The port probes' claims judged on hand-made cases: no sockets, no kernel.</summary>
public sealed class PortClaimsTests
{
    private static ProbeCase Case(string probe, string name, string outcome = ProbeCase.Observed, string? errno = null,
        Dictionary<string, double>? numbers = null, Dictionary<string, string>? inputs = null, long[]? values = null) => new()
        {
            Probe = probe,
            Case = name,
            Outcome = outcome,
            Errno = errno,
            Numbers = numbers ?? [],
            Inputs = inputs ?? [],
            Values = values,
        };

    /// <summary>A port-sequence series as PortKit would figure it.</summary>
    private static ProbeCase Series(string name, params long[] ports) =>
        Case("port-sequence", name, numbers: PortKit.Sequence(ports.Length, ports), values: ports);

    private static ProbeClaim Verdict(IProbeClaims probe, IReadOnlyList<ProbeCase> cases, string claim) =>
        Assert.Single(probe.Judge(cases), c => c.Claim == claim);

    [Fact]
    public void Steps_of_one_make_the_sequential_claim_hold()
    {
        var cases = new[] { Series("connect-to-a", 40000, 40001, 40002, 40003, 40004) };
        Assert.Equal(ConnStorm.Probes.Verdict.Holds, Verdict(new PortSequenceProbe(), cases, PortSequenceProbe.Sequential).Verdict);
    }

    [Fact]
    public void Random_even_steps_make_the_sequential_claim_fail_with_the_measured_steps_as_evidence()
    {
        var cases = new[] { Series("connect-to-a", 40184, 40198, 40202, 40208, 40224) };
        var claim = Verdict(new PortSequenceProbe(), cases, PortSequenceProbe.Sequential);
        Assert.Equal(ConnStorm.Probes.Verdict.DoesNotHold, claim.Verdict);
        Assert.Contains("step median", claim.Evidence, StringComparison.Ordinal);
        Assert.Equal(["port-sequence/connect-to-a"], claim.Cases);
    }

    [Fact]
    public void Even_connect_ports_and_odd_bind_ports_make_the_parity_claim_hold()
    {
        var cases = new[] { Series("connect-to-a", 40000, 40002, 40004), Series("bind-any-port", 40001, 40005, 40003) };
        Assert.Equal(ConnStorm.Probes.Verdict.Holds, Verdict(new PortSequenceProbe(), cases, PortSequenceProbe.Parity).Verdict);
    }

    [Fact]
    public void Mixed_parity_makes_the_parity_claim_fail()
    {
        var cases = new[] { Series("connect-to-a", 40000, 40001, 40002, 40003), Series("bind-any-port", 40001, 40002, 40003, 40004) };
        Assert.Equal(ConnStorm.Probes.Verdict.DoesNotHold, Verdict(new PortSequenceProbe(), cases, PortSequenceProbe.Parity).Verdict);
    }

    [Fact]
    public void A_second_destination_going_on_where_the_first_stopped_shows_no_dependence_on_the_destination()
    {
        var cases = new[] { Series("connect-to-a", 40000, 40001, 40002), Series("connect-to-b", 40003, 40004, 40005) };
        Assert.Equal(ConnStorm.Probes.Verdict.DoesNotHold, Verdict(new PortSequenceProbe(), cases, PortSequenceProbe.Destination).Verdict);
    }

    [Fact]
    public void A_second_destination_starting_elsewhere_shows_the_start_depends_on_the_destination()
    {
        var cases = new[] { Series("connect-to-a", 40184, 40198, 40202), Series("connect-to-b", 40460, 40462, 40474) };
        Assert.Equal(ConnStorm.Probes.Verdict.Holds, Verdict(new PortSequenceProbe(), cases, PortSequenceProbe.Destination).Verdict);
    }

    [Fact]
    public void Every_port_sequence_claim_is_not_settled_when_its_cases_are_missing()
    {
        var claims = new PortSequenceProbe().Judge([]).ToList();
        Assert.NotEmpty(claims);
        Assert.All(claims, c => Assert.Equal(ConnStorm.Probes.Verdict.NotSettled, c.Verdict));
    }

    private static ProbeCase Exhausted(string name, string errno, string call) =>
        Case("port-exhaustion", name, ProbeCase.Error, errno, new() { ["succeeded"] = 20 }, new() { ["failed_call"] = call });

    [Fact]
    public void Eaddrinuse_at_bind_and_eaddrnotavail_at_connect_make_the_exhaustion_claim_hold()
    {
        var cases = new[] { Exhausted("connect-one-destination", "EADDRNOTAVAIL", "connect"), Exhausted("bind-then-connect", "EADDRINUSE", "bind") };
        Assert.Equal(ConnStorm.Probes.Verdict.Holds, Verdict(new PortExhaustionProbe(), cases, PortExhaustionProbe.Claim).Verdict);
    }

    [Fact]
    public void Bind_running_out_at_connect_makes_the_exhaustion_claim_fail()
    {
        var cases = new[] { Exhausted("connect-one-destination", "EADDRNOTAVAIL", "connect"), Exhausted("bind-then-connect", "EADDRNOTAVAIL", "connect") };
        Assert.Equal(ConnStorm.Probes.Verdict.DoesNotHold, Verdict(new PortExhaustionProbe(), cases, PortExhaustionProbe.Claim).Verdict);
    }

    [Fact]
    public void The_exhaustion_claim_is_not_settled_without_the_bind_case()
    {
        var cases = new[] { Exhausted("connect-one-destination", "EADDRNOTAVAIL", "connect") };
        Assert.Equal(ConnStorm.Probes.Verdict.NotSettled, Verdict(new PortExhaustionProbe(), cases, PortExhaustionProbe.Claim).Verdict);
    }

    private static ProbeCase Ports(string name, double afterBind, double afterConnect) =>
        Case("no-port", name, ProbeCase.Ok, numbers: new() { ["port_after_bind"] = afterBind, ["port_after_connect"] = afterConnect });

    [Fact]
    public void Port_zero_after_bind_and_a_real_port_after_connect_make_the_no_port_claim_hold()
    {
        var cases = new[] { Ports("with-option", 0, 40058), Ports("without-option", 40097, 40097) };
        Assert.Equal(ConnStorm.Probes.Verdict.Holds, Verdict(new NoPortProbe(), cases, NoPortProbe.Defers).Verdict);
    }

    [Fact]
    public void A_port_already_chosen_at_bind_makes_the_no_port_claim_fail()
    {
        var cases = new[] { Ports("with-option", 40100, 40100), Ports("without-option", 40097, 40097) };
        Assert.Equal(ConnStorm.Probes.Verdict.DoesNotHold, Verdict(new NoPortProbe(), cases, NoPortProbe.Defers).Verdict);
    }

    [Fact]
    public void The_no_port_claim_is_not_settled_without_its_cases()
    {
        Assert.Equal(ConnStorm.Probes.Verdict.NotSettled, Verdict(new NoPortProbe(), [Ports("without-option", 1, 1)], NoPortProbe.Defers).Verdict);
    }

    private static ProbeCase Landed(string name, double inNamespace) =>
        Case("local-port-range", name, ProbeCase.Ok, numbers: new() { ["connects_ok"] = 20, ["in_namespace_range_share"] = inNamespace, ["port_min"] = 40000, ["port_max"] = 40999 });

    private static readonly string[] Outside = ["outside-above", "outside-below", "across-low-bound", "across-high-bound"];

    [Fact]
    public void Ports_inside_the_namespace_range_make_the_narrowing_claim_hold()
    {
        var cases = Outside.Select(n => Landed(n, 1)).ToList();
        Assert.Equal(ConnStorm.Probes.Verdict.Holds, Verdict(new LocalPortRangeProbe(), cases, LocalPortRangeProbe.Narrow).Verdict);
    }

    [Fact]
    public void A_port_outside_the_namespace_range_makes_the_narrowing_claim_fail()
    {
        var cases = Outside.Select((n, i) => Landed(n, i == 0 ? 0.5 : 1)).ToList();
        Assert.Equal(ConnStorm.Probes.Verdict.DoesNotHold, Verdict(new LocalPortRangeProbe(), cases, LocalPortRangeProbe.Narrow).Verdict);
    }

    [Fact]
    public void A_kernel_without_the_option_leaves_the_narrowing_claim_not_settled()
    {
        var cases = Outside.Select(n => Case("local-port-range", n, ProbeCase.Error, "ENOPROTOOPT")).ToList();
        Assert.Equal(ConnStorm.Probes.Verdict.NotSettled, Verdict(new LocalPortRangeProbe(), cases, LocalPortRangeProbe.Narrow).Verdict);
    }

    [Fact]
    public void The_narrowing_claim_is_not_settled_when_a_case_is_missing()
    {
        var cases = Outside.Skip(1).Select(n => Landed(n, 1)).ToList();
        Assert.Equal(ConnStorm.Probes.Verdict.NotSettled, Verdict(new LocalPortRangeProbe(), cases, LocalPortRangeProbe.Narrow).Verdict);
    }
}
