namespace ConnStorm.Results;

/// <summary>One host's timeline of a cluster run, on its own clock; add <paramref name="ShiftMs"/> for the common clock.</summary>
public sealed record HostTimeline(string Host, double ShiftMs, IReadOnlyList<TimelineRow> Rows);
