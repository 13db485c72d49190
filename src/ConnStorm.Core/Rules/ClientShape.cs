namespace ConnStorm.Rules;

/// <summary>
/// What decides a run's port limit: how the client opens sockets and how many of each
/// kind of address it has. <see cref="RangeSize"/> is the namespace's ip_local_port_range
/// size as measured; <see cref="SourceIps"/> counts bound source addresses (1 when none).
/// </summary>
public sealed record ClientShape(
    bool Bind,
    bool NoPort,
    bool ReuseAddr,
    int SourcePorts,
    long RangeSize,
    int Targets,
    int SourceIps);
