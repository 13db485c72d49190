namespace ConnStorm.Tests.TestSupport;

/// <summary>
/// Tests that create or count this process's lab namespaces run one at a time: a test asserting that a
/// failed Create left nothing behind would otherwise see a lab another test made meanwhile.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class LabCollection
{
    public const string Name = "Lab namespaces";
}
