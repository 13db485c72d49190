using NATS.Client.Core;

namespace ConnStorm.Cluster;

/// <summary>Where the NATS server is and how to authenticate to it; the same for agents and the coordinator.</summary>
public sealed record NatsSettings(string Url)
{
    public string? User { get; init; }
    public string? Password { get; init; }
    public string? Token { get; init; }
    public string? CredsFile { get; init; }
    public string? NKeyFile { get; init; }
    public string? TlsCa { get; init; }
    public string? TlsCert { get; init; }
    public string? TlsKey { get; init; }

    public NatsOpts ToOpts(string clientName)
    {
        bool tls = TlsCa is not null || TlsCert is not null || Url.StartsWith("tls://", StringComparison.OrdinalIgnoreCase);
        return NatsOpts.Default with
        {
            Url = Url,
            Name = clientName,
            AuthOpts = NatsAuthOpts.Default with
            {
                Username = User,
                Password = Password,
                Token = Token,
                CredsFile = CredsFile,
                NKeyFile = NKeyFile,
            },
            TlsOpts = NatsTlsOpts.Default with
            {
                Mode = tls ? TlsMode.Require : TlsMode.Auto,
                CaFile = TlsCa,
                CertFile = TlsCert,
                KeyFile = TlsKey,
            },
            // Retry the first connect briefly, then for ever once connected (a restarted server comes back).
            RetryOnInitialConnect = false,
            MaxReconnectRetry = -1,
            ReconnectWaitMin = TimeSpan.FromMilliseconds(200),
            ReconnectWaitMax = TimeSpan.FromSeconds(2),
            ConnectTimeout = TimeSpan.FromSeconds(5),
            RequestTimeout = TimeSpan.FromSeconds(5),
        };
    }
}
