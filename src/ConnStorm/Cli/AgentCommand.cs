using System.CommandLine;
using System.Net;
using System.Runtime.Versioning;
using ConnStorm.Cluster;
using ConnStorm.Errors;
using ConnStorm.Platform;

namespace ConnStorm.Cli;

/// <summary><c>connstorm agent --nats URL [--name NAME]</c>: one load host of a cluster run, serving until SIGTERM.</summary>
[SupportedOSPlatform("linux")]
internal static class AgentCommand
{
    private static readonly Option<string> NatsOption = new("--nats")
    {
        Description = "The NATS server to serve on, e.g. nats://10.0.0.1:4222. Required, no default.",
        Required = true,
        HelpName = "URL",
    };

    private static readonly Option<string?> NameOption = new("--name")
    {
        Description = "This agent's name (letters, digits, '-', '_'), as `run --cluster --agent` and cluster.hosts use it. Default: the hostname.",
        HelpName = "NAME",
    };

    private static readonly Option<string[]> AllowTargetsOption = new("--allow-targets")
    {
        Description = $"Address ranges a plan's targets may be in (repeatable); a plan outside them is refused. Default: {PlanCheck.DefaultAllowedText}.",
        Arity = ArgumentArity.ZeroOrMore,
        HelpName = "CIDR",
        DefaultValueFactory = _ => [],
    };

    private static readonly NatsOptions Nats = new();

    public static Command Create()
    {
        var command = new Command("agent", "Serve as a load host of cluster runs (`run --cluster`): announce over NATS, run the shards it is sent, hand results back. Runs until SIGTERM.")
        {
            NatsOption, NameOption, AllowTargetsOption,
        };
        foreach (var o in Nats.All)
        {
            command.Options.Add(o);
        }
        command.SetAction(parse =>
        {
            var settings = Nats.Build(parse, parse.GetRequiredValue(NatsOption), out string? error);
            string name = parse.GetValue(NameOption) ?? Results.SystemFacts.Hostname();
            if (settings is not null && (name.Length == 0 || name.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))))
            {
                error = $"--name: {name}: use letters, digits, '-' and '_' only (it is part of NATS subjects)";
            }
            var allowed = new List<IPNetwork>();
            foreach (string cidr in parse.GetValue(AllowTargetsOption) ?? [])
            {
                if (!IPNetwork.TryParse(cidr, out var net))
                {
                    error ??= $"--allow-targets: {cidr}: expected an address range such as 10.1.0.0/16";
                }
                allowed.Add(net);
            }
            if (settings is null || error is not null)
            {
                Console.Error.WriteLine($"connstorm agent: {error} (see `connstorm agent --help`)");
                return ExitCodes.BadInput;
            }
            using var signals = ShutdownSignals.Listen();
            var agent = new ClusterAgent(settings, name, allowed.Count > 0 ? allowed : PlanCheck.DefaultAllowed, Console.Out);
            return HandlerGuard.Run("connstorm agent", () => agent.RunAsync(signals.Token).GetAwaiter().GetResult());
        });
        return command;
    }
}
