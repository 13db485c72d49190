namespace ConnStorm.Results;

/// <summary>What a run's failures.csv adds up to: failures per errno and the earliest failure.</summary>
public sealed record FailureTally(IReadOnlyDictionary<int, long> ByErrno, FailureRecord? First)
{
    public static readonly FailureTally None = new(new Dictionary<int, long>(), null);

    /// <summary>The tally of events in file order; "first" is the earliest in time, the first written on a tie (as the recorder saw them).</summary>
    public static FailureTally Of(IEnumerable<FailureRecord> failures)
    {
        var byErrno = new Dictionary<int, long>();
        FailureRecord? first = null;
        foreach (var f in failures)
        {
            byErrno[f.Errno] = byErrno.GetValueOrDefault(f.Errno) + 1;
            if (first is null || f.TMs < first.TMs)
            {
                first = f;
            }
        }
        return new FailureTally(byErrno, first);
    }
}
