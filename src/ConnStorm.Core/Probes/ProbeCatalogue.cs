using System.Runtime.Versioning;
using ConnStorm.Probes.Catalogue;

namespace ConnStorm.Probes;

/// <summary>Every probe ConnStorm has, in the order a catalogue run makes them.</summary>
[SupportedOSPlatform("linux")]
public static class ProbeCatalogue
{
    public static IReadOnlyList<IProbe> All { get; } =
    [
        new PortSequenceProbe(),
        new PortExhaustionProbe(),
        new BindMatrixProbe(),
        new BindSequenceProbe(),
        new NoPortProbe(),
        new LocalPortRangeProbe(),
        new HeldPortsProbe(),
        new TimeWaitProbe(),
        new SharedPortProbe(),
        new ConnectCostProbe(),
    ];

    public static IProbe? Find(string name) => All.FirstOrDefault(p => p.Name == name);

    /// <summary>The probes named by --only (all when none), or the unknown names.</summary>
    public static (IReadOnlyList<IProbe> Probes, IReadOnlyList<string> Unknown) Select(IReadOnlyList<string> only)
    {
        if (only.Count == 0)
        {
            return (All, []);
        }
        var unknown = only.Where(n => Find(n) is null).ToList();
        return ([.. only.Select(Find).OfType<IProbe>().Distinct()], unknown);
    }
}
