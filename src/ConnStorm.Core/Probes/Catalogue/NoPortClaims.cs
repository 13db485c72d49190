using System.Runtime.Versioning;

namespace ConnStorm.Probes.Catalogue;

/// <summary>The claims no-port settles, each from the cases of this run only.</summary>
[SupportedOSPlatform("linux")]
internal sealed partial class NoPortProbe
{
    public const string Defers = "IP_BIND_ADDRESS_NO_PORT makes bind(ip, 0) defer the port choice to connect()";
    public const string FourTuple = "A client's local port, when connect() chose it, can be reused for connections to different servers; the 4-tuple must be unique, not the port";
    public const string OnePerPort = "bind(ip, 0) before connect() limits a client to one connection per local port, whatever the destinations";

    public IEnumerable<ProbeClaim> Judge(IReadOnlyList<ProbeCase> cases)
    {
        var with = cases.Find("with-option");
        var without = cases.Find("without-option");
        var shared = cases.Find("one-port-range-with-option-two-destinations");
        var twice = cases.Find("one-port-range-with-option-same-destination-twice");
        var plain = cases.Find("one-port-range-without-option-two-destinations");

        yield return with is null || without is null
            ? Verdict.Missing(Defers, Id("with-option"), Id("without-option"))
            : JudgeDefers(with, without);
        yield return shared is null || twice is null
            ? Verdict.Missing(FourTuple, Id("one-port-range-with-option-two-destinations"), Id("one-port-range-with-option-same-destination-twice"))
            : JudgeFourTuple(shared, twice);
        yield return plain is null
            ? Verdict.Missing(OnePerPort, Id("one-port-range-without-option-two-destinations"))
            : JudgeOnePerPort(plain);
    }

    private string Id(string caseName) => $"{Name}/{caseName}";

    private static double N(ProbeCase c, string key) => c.Numbers.GetValueOrDefault(key);

    private static ProbeClaim JudgeDefers(ProbeCase with, ProbeCase without)
    {
        if (with.Outcome != ProbeCase.Ok)
        {
            return new ProbeClaim(Defers, Verdict.NotSettled,
                $"with the option: {with.Said()} from {with.Inputs.GetValueOrDefault("failed_call")}()", [with.Id, without.Id]);
        }
        double afterBind = N(with, "port_after_bind"), afterConnect = N(with, "port_after_connect");
        // Port 0 from getsockname() after bind is the deferral itself; a real one after connect shows it was made there.
        bool holds = afterBind == 0 && afterConnect > 0;
        return new ProbeClaim(Defers, holds ? Verdict.Holds : Verdict.DoesNotHold,
            $"getsockname() port with the option: {afterBind:0} after bind, {afterConnect:0} after connect; without it: {N(without, "port_after_bind"):0} after bind, {N(without, "port_after_connect"):0} after connect",
            [with.Id, without.Id]);
    }

    private static ProbeClaim JudgeFourTuple(ProbeCase shared, ProbeCase twice)
    {
        bool reused = shared.Outcome == ProbeCase.Ok && N(shared, "same_port") == 1;
        bool uniqueTuple = twice.Outcome == ProbeCase.Error && N(twice, "first_ok") == 1;
        string verdict = reused && uniqueTuple ? Verdict.Holds
            : reused ? Verdict.HoldsOnlyWhen("speaking of the port: even the same 4-tuple was made twice")
            : shared.Outcome == ProbeCase.Ok ? Verdict.DoesNotHold
            : Verdict.NotSettled;
        return new ProbeClaim(FourTuple, verdict,
            $"measured on port {shared.Inputs.GetValueOrDefault("ip_local_port_range", "?").Split(' ')[0]} only, the one port of the range {shared.Inputs.GetValueOrDefault("ip_local_port_range", "?").Replace(' ', '-')}, chosen by connect() (bind(127.0.0.1, 0) with IP_BIND_ADDRESS_NO_PORT holds no port): to two destinations the second socket got {shared.Said()} (ports {N(shared, "first_port"):0} and {N(shared, "second_port"):0}); to one destination twice, {twice.Said()}. Ports held by bind() or listen() are the held-ports probe's claim",
            [shared.Id, twice.Id]);
    }

    private static ProbeClaim JudgeOnePerPort(ProbeCase plain)
    {
        if (N(plain, "first_ok") != 1)
        {
            return new ProbeClaim(OnePerPort, Verdict.NotSettled, $"the first socket did not connect: {plain.Inputs.GetValueOrDefault("first_socket")}", [plain.Id]);
        }
        string call = plain.Inputs.GetValueOrDefault("failed_call", "none");
        bool holds = plain.Outcome == ProbeCase.Error && call == "bind";
        return new ProbeClaim(OnePerPort, holds ? Verdict.Holds : Verdict.DoesNotHold,
            plain.Outcome == ProbeCase.Error
                ? $"on a 1-port range, one socket connected; the second, to another destination, got {plain.Said()} from {call}()"
                : "on a 1-port range, two sockets bound with bind(ip, 0) both connected to different destinations",
            [plain.Id]);
    }
}
