namespace ConnStorm.Probes;

/// <summary>
/// A small experiment on the running kernel. <see cref="Run"/> executes inside a network
/// namespace made for it (or inside a micro-VM), as root, and must bound itself: every loop
/// has a count and the whole probe finishes in a few seconds. It reports what the kernel did,
/// never what it is expected to do.
/// </summary>
public interface IProbe
{
    /// <summary>The name used by `--only` and in probes.json, e.g. "port-sequence".</summary>
    string Name { get; }

    /// <summary>One line for a person: what the probe measures.</summary>
    string Description { get; }

    IEnumerable<ProbeCase> Run(ProbeEnvironment env);
}
