using ArchUnitNET.Loader;
using ArchUnitNET.xUnit;
using static ArchUnitNET.Fluent.ArchRuleDefinition;

namespace ConnStorm.Tests.Architecture;

/// <summary>
/// The one place the layers are defined. A folder (namespace ConnStorm.X) may use the folders
/// listed before it and none after it, so the folders form no cycle and a newcomer knows where a
/// change belongs: OS interop and processes at the bottom, the commands on top.
/// </summary>
public class LayerTests
{
    /// <summary>Bottom to top.</summary>
    public static readonly string[] Layers =
    [
        "Errors",     // exit codes and error types: everything may use them
        "Platform",   // processes, signals, rlimits, /proc: OS interop that is not about sockets
        "Sockets",    // socket syscalls, errno names
        "Rules",      // the kernel's port rules as formulas
        "Lab",        // network namespaces, sysctls
        "Scenarios",  // the scenario model, YAML binding, sweeps
        "Results",    // records, CSV and JSON readers and writers, the results model, IExporter
        "Engine",     // the worker: epoll connect loop
        "Sink",       // the embedded target server
        "Proxy",      // HAProxy in the lab
        "Verdicts",   // claims judged from measured rows
        "Probes",     // the kernel probe catalogue
        "Compare",    // comparisons of results folders
        "Exporters",  // summary.md, probes.md, compare.md, report.html
        "Running",    // a scenario run: labs, workers, sinks, recording
        "Cluster",    // run --cluster and connstorm agent: NATS messages, shards, the coordinator, the merge of the hosts' results
        "Kernels",    // other kernels in micro-VMs
        "Benchmarks", // the benchmark against the C yardsticks
        "Plots",      // ScottPlot figures (project ConnStorm.Plots)
        "Cli",        // the commands (project connstorm)
    ];

    private static readonly System.Reflection.Assembly[] Assemblies =
    [
        typeof(ConnStorm.Errors.ExitCodes).Assembly,
        typeof(ConnStorm.Plots.PlotExporter).Assembly,
        typeof(ConnStorm.Cli.ExporterSet).Assembly,
    ];

    private static readonly ArchUnitNET.Domain.Architecture Connstorm = new ArchLoader().LoadAssemblies(Assemblies).Build();

    /// <summary>Every layer but the top one, which may use everything.</summary>
    public static TheoryData<string> LayersBelowTheTop() => [.. Layers[..^1]];

    private static string Pattern(string layer) => $@"^ConnStorm\.{layer}(\..*)?$";

    [Theory]
    [MemberData(nameof(LayersBelowTheTop))]
    public void A_layer_uses_no_layer_above_it(string layer)
    {
        var above = Layers.SkipWhile(l => l != layer).Skip(1).ToArray();
        var upper = string.Join("|", above.Select(l => $"({Pattern(l)[1..^1]})"));
        Types().That().ResideInNamespaceMatching(Pattern(layer))
            .Should().NotDependOnAny(Types().That().ResideInNamespaceMatching($"^({upper})$"))
            .Because($"{layer} sits below {string.Join(", ", above)}")
            .WithoutRequiringPositiveResults()
            .Check(Connstorm);
    }

    [Fact]
    public void Every_namespace_of_ConnStorm_belongs_to_a_listed_layer()
    {
        var unplaced = Assemblies.SelectMany(a => a.GetTypes())
            .Select(t => t.Namespace)
            .OfType<string>()
            .Where(ns => ns.StartsWith("ConnStorm", StringComparison.Ordinal))
            .Distinct()
            .Where(ns => !Layers.Any(l => System.Text.RegularExpressions.Regex.IsMatch(ns, Pattern(l))))
            .Order()
            .ToList();
        Assert.True(unplaced.Count == 0, $"place these namespaces in LayerTests.Layers: {string.Join(", ", unplaced)}");
    }
}
