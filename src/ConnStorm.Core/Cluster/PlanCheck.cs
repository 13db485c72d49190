using System.Net;
using ConnStorm.Scenarios;

namespace ConnStorm.Cluster;

/// <summary>
/// What an agent accepts: a plan whose scenario parses with the same binder as a file, holds one
/// concrete run (no sweep), and connects only to addresses inside the allowed ranges.
/// </summary>
public static class PlanCheck
{
    /// <summary>Loopback and the benchmark range (RFC 2544): the default of `agent --allow-targets`.</summary>
    public static IReadOnlyList<IPNetwork> DefaultAllowed { get; } =
        [IPNetwork.Parse("127.0.0.0/8"), IPNetwork.Parse("::1/128"), IPNetwork.Parse("198.18.0.0/15")];

    public const string DefaultAllowedText = "127.0.0.0/8, ::1/128 and 198.18.0.0/15";

    /// <summary>The scenario to run, or null with the reason it is refused.</summary>
    public static Scenario? Check(Plan? plan, IReadOnlyList<IPNetwork> allowed, out string reason)
    {
        reason = "";
        if (plan is null)
        {
            reason = "not a plan: the message is not the JSON of a plan (token, run, run_id, scenario_json)";
            return null;
        }
        if (string.IsNullOrEmpty(plan.Token) || plan.Token.Length > 64 || plan.Token.Any(c => !(char.IsAsciiLetterOrDigit(c) || c == '-')))
        {
            reason = "token: expected 1 to 64 letters, digits or '-'";
            return null;
        }
        if (string.IsNullOrWhiteSpace(plan.ScenarioJson))
        {
            reason = "scenario_json: empty";
            return null;
        }
        Scenario scenario;
        try
        {
            scenario = ScenarioLoader.Parse(plan.ScenarioJson, $"plan {plan.Token}");
        }
        catch (ScenarioException e)
        {
            reason = e.Message;
            return null;
        }
        if (scenario.Sweep is not null)
        {
            reason = "sweep: a plan is one concrete run; the coordinator expands sweeps";
            return null;
        }
        var outside = scenario.Targets.Select(t => t.Address)
            .Concat(scenario.Proxy?.Backends.Select(b => b.Address) ?? [])
            .FirstOrDefault(a => !Allowed(a, allowed));
        if (outside is not null)
        {
            reason = $"targets: {outside} is outside what this agent may connect to ({string.Join(", ", allowed)}; see agent --allow-targets)";
            return null;
        }
        return scenario;
    }

    public static bool Allowed(IPAddress address, IReadOnlyList<IPNetwork> allowed)
    {
        var a = address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
        return allowed.Any(n => n.BaseAddress.AddressFamily == a.AddressFamily && n.Contains(a));
    }
}
