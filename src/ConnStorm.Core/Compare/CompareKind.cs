namespace ConnStorm.Compare;

/// <summary>What a results folder holds.</summary>
public enum CompareKind
{
    /// <summary>manifest.json ("connstorm.run/1") and runs.csv, written by <c>connstorm run</c>.</summary>
    Runs,

    /// <summary>probes.json ("connstorm.probes/1"): probe cases and claims about the kernel's port rules.</summary>
    Probes,
}

/// <summary>Which table of the report a row belongs to.</summary>
public enum CompareTable
{
    /// <summary>A run key (variant, port range size, targets, source IPs).</summary>
    Runs,

    /// <summary>A probe case (probe, case).</summary>
    Cases,

    /// <summary>A claim and its verdict.</summary>
    Claims,
}
