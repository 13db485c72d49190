using System.Text.RegularExpressions;
using ConnStorm.Cli;
using YamlDotNet.RepresentationModel;

namespace ConnStorm.Tests.Deploy;

/// <summary>
/// The deploy recipes (deploy/) are read as Kubernetes and systemd would read them, and checked to fit
/// together: one image, one NATS Service the agents dial, one agent command with flags it accepts.
/// </summary>
public sealed partial class DeployRecipesTests
{
    /// <summary>
    /// The options of `connstorm agent` as the issue 9 contract states them. The agent command is written on
    /// another branch: at merge, replace this list with the real command's options (AgentCommand.Create().Options).
    /// </summary>
    /// <summary>The options `connstorm agent` accepts, read from the command itself.</summary>
    private static readonly string[] AgentFlags = [.. Flags(AgentCommand.Create())];

    private static IEnumerable<string> Flags(System.CommandLine.Command command) => command.Options.SelectMany(o => o.Aliases.Prepend(o.Name));

    private const string Image = "connstorm:latest";

    private static string DeployDir => Path.Combine(ConnStormCli.RepoRoot, "deploy");

    [Fact]
    public void The_agents_run_connstorm_agent_dialing_the_nats_services_name_and_port()
    {
        var (service, port) = NatsService();
        var command = AgentContainerCommand();

        Assert.Equal(["connstorm", "agent", "--nats"], command.Take(3));
        var url = new Uri(ValueOf(command, "--nats"));
        Assert.Equal("nats", url.Scheme);
        Assert.Equal(service, url.Host);
        Assert.Equal(port, url.Port);
        Assert.Equal("nats://nats:4222", url.OriginalString);
    }

    [Fact]
    public void The_nats_service_selects_the_nats_deployments_pods_on_the_port_its_container_listens_on()
    {
        var docs = Documents("kubernetes/nats.yaml");
        var service = Single(docs, "Service");
        var deployment = Single(docs, "Deployment");
        var selector = Map(service, "spec", "selector");
        var podLabels = Map(deployment, "spec", "template", "metadata", "labels");
        foreach (var (key, value) in selector.Children)
        {
            Assert.Equal(value.ToString(), podLabels.Children[key].ToString());
        }
        var servicePort = Assert.Single(Seq(service, "spec", "ports").Cast<YamlMappingNode>());
        string target = Scalar(servicePort, "targetPort");
        var container = Assert.Single(Seq(deployment, "spec", "template", "spec", "containers").Cast<YamlMappingNode>());
        var listening = Seq(container, "ports").Cast<YamlMappingNode>()
            .Single(p => Scalar(p, "name") == target || Scalar(p, "containerPort") == target);
        Assert.Equal("4222", Scalar(listening, "containerPort"));
        Assert.StartsWith("nats:", Scalar(container, "image"), StringComparison.Ordinal);
    }

    [Fact]
    public void Every_connstorm_image_in_the_recipes_is_the_same_connstorm_latest()
    {
        var images = new[] { "kubernetes/nats.yaml", "kubernetes/agents.yaml" }
            .SelectMany(Documents)
            .SelectMany(Containers)
            .Select(c => Scalar(c, "image"))
            .Where(i => i.StartsWith("connstorm", StringComparison.Ordinal))
            .ToList();

        Assert.NotEmpty(images);
        Assert.All(images, i => Assert.Equal(Image, i));
        // The image the Dockerfile says to build, and the one the README builds, are that one too.
        Assert.Contains($"-t {Image}", Read("container/Dockerfile"), StringComparison.Ordinal);
        Assert.Contains($"-t {Image}", Read("README.md"), StringComparison.Ordinal);
    }

    [Fact]
    public void Each_agent_is_named_after_its_pod_through_the_downward_api()
    {
        var container = Containers(AgentStatefulSet()).Single();

        Assert.Equal("$(POD_NAME)", ValueOf(AgentContainerCommand(), "--name"));
        var env = Seq(container, "env").Cast<YamlMappingNode>().Single(e => Scalar(e, "name") == "POD_NAME");
        Assert.Equal("metadata.name", Scalar(Map(env, "valueFrom", "fieldRef"), "fieldPath"));
    }

    [Fact]
    public void The_agents_use_the_host_network_one_per_node_privileged_and_still_resolve_the_nats_service()
    {
        var statefulSet = AgentStatefulSet();
        var pod = Map(statefulSet, "spec", "template", "spec");

        Assert.Equal("true", Scalar(pod, "hostNetwork"));
        // Without it a hostNetwork pod uses the node's resolver, where the Service name `nats` does not exist.
        Assert.Equal("ClusterFirstWithHostNet", Scalar(pod, "dnsPolicy"));
        Assert.Equal("true", Scalar(Map(Containers(statefulSet).Single(), "securityContext"), "privileged"));
        var antiAffinity = Assert.Single(Seq(pod, "affinity", "podAntiAffinity", "requiredDuringSchedulingIgnoredDuringExecution").Cast<YamlMappingNode>());
        Assert.Equal("kubernetes.io/hostname", Scalar(antiAffinity, "topologyKey"));
        // The StatefulSet's governing Service is in the same file.
        string serviceName = Scalar(statefulSet, "spec", "serviceName");
        Assert.Contains(Documents("kubernetes/agents.yaml"), d => Scalar(d, "kind") == "Service" && Scalar(d, "metadata", "name") == serviceName);
    }

    [Fact]
    public void The_systemd_unit_starts_connstorm_agent_on_the_nats_port_restarts_on_failure_and_stops_with_sigterm()
    {
        var service = UnitSection("Service");
        var exec = service["ExecStart"].Split(' ', StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal("/usr/local/bin/connstorm", exec[0]);
        Assert.Equal(["agent", "--nats"], exec[1..3]);
        var url = new Uri(ValueOf(exec, "--nats"));
        Assert.Equal(NatsService().Port, url.Port);
        Assert.Equal("%H", ValueOf(exec, "--name"));
        Assert.Equal("on-failure", service["Restart"]);
        Assert.Equal("SIGTERM", service["KillSignal"]);
        Assert.Equal("infinity", service["LimitNOFILE"]);
        Assert.Equal("multi-user.target", UnitSection("Install")["WantedBy"]);
    }

    [Fact]
    public void Every_flag_the_recipes_give_connstorm_is_one_the_agent_or_the_coordinator_accepts()
    {
        var runFlags = Flags(RunCommand.Create()).ToHashSet();
        var unknown = new List<string>();
        void Check(string where, string text, IReadOnlyCollection<string> accepted)
        {
            unknown.AddRange(Flags(text).Where(f => !accepted.Contains(f)).Select(f => $"{where}: {f} in \"{text.Trim()}\""));
        }

        Check("agents.yaml command", string.Join(' ', AgentContainerCommand()), AgentFlags);
        foreach (string file in new[] { "kubernetes/agents.yaml", "kubernetes/nats.yaml", "systemd/connstorm-agent.service", "README.md" })
        {
            foreach (string line in Read(file).Split('\n'))
            {
                if (AcceptedOn(line, runFlags) is { } accepted)
                {
                    Check(file, line, accepted);
                }
            }
        }
        Assert.Empty(unknown);
        Assert.Contains(AgentFlags, f => f == "--nats-creds");
    }

    /// <summary>
    /// The flags a line may use: those of the connstorm commands it runs (agent, run), the options both take on a
    /// line of the credentials table; the agent's for one that names --nats* or --tls* in passing (a YAML command list,
    /// a credentials hint); null
    /// for any other line (kubectl, systemctl and nats-server flags are not connstorm's).
    /// </summary>
    private static IReadOnlyCollection<string>? AcceptedOn(string line, IReadOnlyCollection<string> runFlags)
    {
        bool agent = line.Contains("connstorm agent", StringComparison.Ordinal);
        bool run = line.Contains("connstorm run", StringComparison.Ordinal);
        if (agent || run)
        {
            return [.. (agent ? AgentFlags : []).Concat(run ? runFlags : [])];
        }
        if (line.StartsWith("| `--", StringComparison.Ordinal))
        {
            return AgentFlags.Intersect(runFlags).ToList();
        }
        bool namesAgentOption = Flags(line).Any(f => f.StartsWith("--nats", StringComparison.Ordinal) || f.StartsWith("--tls", StringComparison.Ordinal));
        return namesAgentOption ? AgentFlags : null;
    }

    private static (string Name, int Port) NatsService()
    {
        var service = Single(Documents("kubernetes/nats.yaml"), "Service");
        var port = Assert.Single(Seq(service, "spec", "ports").Cast<YamlMappingNode>());
        return (Scalar(service, "metadata", "name"), int.Parse(Scalar(port, "port"), System.Globalization.CultureInfo.InvariantCulture));
    }

    private static YamlMappingNode AgentStatefulSet() => Single(Documents("kubernetes/agents.yaml"), "StatefulSet");

    /// <summary>The agent container's command and args as Kubernetes joins them.</summary>
    private static IReadOnlyList<string> AgentContainerCommand()
    {
        var container = Containers(AgentStatefulSet()).Single();
        IEnumerable<string> Part(string key) =>
            container.Children.TryGetValue(key, out var node) ? ((YamlSequenceNode)node).Children.Select(n => n.ToString()) : [];
        return [.. Part("command"), .. Part("args")];
    }

    private static string ValueOf(IReadOnlyList<string> command, string flag)
    {
        int i = command.ToList().IndexOf(flag);
        Assert.True(i >= 0 && i + 1 < command.Count, $"{flag} with a value in: {string.Join(' ', command)}");
        return command[i + 1];
    }

    private static IEnumerable<string> Flags(string text) => FlagPattern().Matches(text).Select(m => m.Value);

    private static IEnumerable<YamlMappingNode> Containers(YamlMappingNode doc) =>
        Scalar(doc, "kind") is "Deployment" or "StatefulSet" or "Job" or "DaemonSet"
            ? Seq(doc, "spec", "template", "spec", "containers").Cast<YamlMappingNode>()
            : [];

    private static string Read(string relative) => File.ReadAllText(Path.Combine(DeployDir, relative));

    /// <summary>Every document of a multi-document YAML file.</summary>
    private static IReadOnlyList<YamlMappingNode> Documents(string relative)
    {
        var stream = new YamlStream();
        using var reader = new StringReader(Read(relative));
        stream.Load(reader);
        return stream.Documents.Select(d => (YamlMappingNode)d.RootNode).ToList();
    }

    private static YamlMappingNode Single(IEnumerable<YamlMappingNode> docs, string kind) =>
        Assert.Single(docs, d => Scalar(d, "kind") == kind);

    private static YamlNode Node(YamlMappingNode map, params string[] path)
    {
        YamlNode node = map;
        foreach (string key in path)
        {
            Assert.True(node is YamlMappingNode m && m.Children.ContainsKey(key), $"no {string.Join('.', path)} (stopped at {key})");
            node = ((YamlMappingNode)node).Children[key];
        }
        return node;
    }

    private static YamlMappingNode Map(YamlMappingNode map, params string[] path) => Assert.IsType<YamlMappingNode>(Node(map, path));

    private static IEnumerable<YamlNode> Seq(YamlMappingNode map, params string[] path) => Assert.IsType<YamlSequenceNode>(Node(map, path)).Children;

    private static string Scalar(YamlMappingNode map, params string[] path) => Assert.IsType<YamlScalarNode>(Node(map, path)).Value ?? "";

    /// <summary>KEY=VALUE lines of one [Section] of the unit file (comments and blank lines skipped; the last of a repeated key wins).</summary>
    private static Dictionary<string, string> UnitSection(string section)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        string current = "";
        foreach (string raw in Read("systemd/connstorm-agent.service").Split('\n'))
        {
            string line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#') || line.StartsWith(';'))
            {
                continue;
            }
            if (line.StartsWith('[') && line.EndsWith(']'))
            {
                current = line[1..^1];
                continue;
            }
            int eq = line.IndexOf('=', StringComparison.Ordinal);
            if (current == section && eq > 0)
            {
                values[line[..eq].Trim()] = line[(eq + 1)..].Trim();
            }
        }
        return values;
    }

    [GeneratedRegex(@"(?<![\w-])--[a-z][a-z0-9]*(?:-[a-z0-9]+)*")]
    private static partial Regex FlagPattern();
}
