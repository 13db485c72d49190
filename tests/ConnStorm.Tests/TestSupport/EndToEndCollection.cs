namespace ConnStorm.Tests.TestSupport;

/// <summary>End-to-end runs use the whole machine's ports and processes: one lab run at a time.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class EndToEndCollection
{
    public const string Name = "end-to-end (one lab run at a time)";
}
