namespace ConnStorm.Tests.TestSupport;

/// <summary>Probe runs each make a lab: one at a time.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ProbeRunCollection
{
    public const string Name = "probe runs (one lab at a time)";
}
