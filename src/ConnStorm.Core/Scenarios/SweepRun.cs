namespace ConnStorm.Scenarios;

/// <summary>
/// One run of a sweep. <see cref="Scenario"/> is concrete: no sweep, no `auto`, the run's
/// port range written into the lab's sysctls, targets and source IPs already cut to size.
/// </summary>
/// <param name="Number">1-based position in the sweep.</param>
/// <param name="Id">Folder name such as "003-bind-r4000-t4-s1"; "." for a scenario without a sweep.</param>
/// <param name="PortRange">The ip_local_port_range the run sets; null keeps the namespace's default.</param>
public sealed record SweepRun(int Number, string Variant, string Id, PortRange? PortRange, Scenario Scenario);
