using ConnStorm.Rules;

namespace ConnStorm.Scenarios;

/// <summary>
/// `connections: auto`: attempt a little more than the port rules predict, so a run goes past
/// the limit and shows the failure that ends it, without guessing a number per variant.
/// </summary>
public static class AutoConnections
{
    /// <summary>Predicted limit plus max(10, 5%), capped at <see cref="ScenarioBinder.MaxConnections"/>.</summary>
    public static int Resolve(ClientSpec client, PortRange range, int targets)
    {
        ArgumentNullException.ThrowIfNull(client);
        // Source IPs only matter to bind(); connect() alone always uses the routing's one source.
        int sourceIps = client.BindBeforeConnect ? Math.Max(1, client.SourceIps.Count) : 1;
        var shape = new ClientShape(
            client.BindBeforeConnect,
            client.BindAddressNoPort,
            client.ReuseAddr,
            client.SourcePorts?.Size ?? 0,
            range.Size,
            targets,
            sourceIps);
        long limit = PortRules.Predict(shape).Limit;
        // Ceiling of 5%, so the margin never rounds down to less than 5%.
        long margin = Math.Max(10, (limit + 19) / 20);
        return (int)Math.Min(limit + margin, ScenarioBinder.MaxConnections);
    }
}
