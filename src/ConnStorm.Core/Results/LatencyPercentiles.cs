namespace ConnStorm.Results;

/// <summary>
/// p50, p90, p99, p99.9 and max of a latency histogram, in its unit (µs), as HdrHistogram reports
/// them: the highest value equivalent to the one at that rank, at the histogram's precision
/// (see <see cref="LatencyLog"/>).
/// </summary>
public readonly record struct LatencyPercentiles(int P50, int P90, int P99, int P999, int Max);
