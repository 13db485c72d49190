namespace ConnStorm.Running;

public sealed record RunOptions
{
    /// <summary>Write results exactly here; null: results/&lt;scenario&gt;/&lt;UTC timestamp&gt;/.</summary>
    public string? OutDir { get; init; }
    /// <summary>Where results/ lives when no OutDir is given.</summary>
    public string ResultsRoot { get; init; } = "results";
    /// <summary>Live display on a terminal; plain lines otherwise.</summary>
    public bool Interactive { get; init; }
    /// <summary>Worker processes to split the run over. Default 1.</summary>
    public int Workers { get; init; } = 1;
    public string Variant { get; init; } = "default";
    public int RunNumber { get; init; } = 1;
}
