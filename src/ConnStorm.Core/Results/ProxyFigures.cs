namespace ConnStorm.Results;

/// <summary>
/// A proxied run's HAProxy in runs.csv terms: its backends and source as configured, and its
/// counters at the end of the connect phase (null when they could not be read).
/// </summary>
public sealed record ProxyFigures(int Backends, string Source, long? ConnErrors, long? MaxCurrent);
