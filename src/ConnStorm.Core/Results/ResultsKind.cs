namespace ConnStorm.Results;

/// <summary>What a results folder holds, told by the file that defines it.</summary>
public enum ResultsKind
{
    /// <summary>runs.csv: a scenario run or sweep.</summary>
    Runs,
    /// <summary>probes.json: the kernel probe catalogue.</summary>
    Probes,
    /// <summary>compare.json: a comparison of folders.</summary>
    Compare,
}
