using System.CommandLine;
using ConnStorm.Cluster;

namespace ConnStorm.Cli;

/// <summary>The NATS authentication and TLS options, the same on `agent` and `run --cluster` (one set of instances per command).</summary>
internal sealed class NatsOptions
{
    public Option<string?> User { get; } = new("--nats-user") { Description = "NATS user name (with --nats-password). Default: none.", HelpName = "USER" };
    public Option<string?> Password { get; } = new("--nats-password") { Description = "NATS password. Default: none.", HelpName = "PASSWORD" };
    public Option<string?> Token { get; } = new("--nats-token") { Description = "NATS authentication token. Default: none.", HelpName = "TOKEN" };
    public Option<FileInfo?> Creds { get; } = new("--nats-creds") { Description = "NATS credentials file (JWT and nkey seed). Default: none.", HelpName = "FILE" };
    public Option<FileInfo?> NKey { get; } = new("--nats-nkey") { Description = "NATS nkey seed file. Default: none.", HelpName = "FILE" };
    public Option<FileInfo?> TlsCa { get; } = new("--tls-ca") { Description = "CA certificate that signed the NATS server's certificate; turns TLS on. Default: none (plain TCP unless the URL is tls://).", HelpName = "FILE" };
    public Option<FileInfo?> TlsCert { get; } = new("--tls-cert") { Description = "Client certificate for TLS client authentication (with --tls-key). Default: none.", HelpName = "FILE" };
    public Option<FileInfo?> TlsKey { get; } = new("--tls-key") { Description = "Private key of --tls-cert. Default: none.", HelpName = "FILE" };

    public IEnumerable<Option> All => [User, Password, Token, Creds, NKey, TlsCa, TlsCert, TlsKey];

    /// <summary>The settings, or an error naming the option (a missing file, a half-given pair).</summary>
    public NatsSettings? Build(ParseResult parse, string url, out string? error)
    {
        error = null;
        var files = new[] { Creds, NKey, TlsCa, TlsCert, TlsKey };
        foreach (var o in files)
        {
            if (parse.GetValue(o) is { Exists: false } f)
            {
                error = $"{o.Name}: {f.FullName}: no such file";
                return null;
            }
        }
        if ((parse.GetValue(TlsCert) is null) != (parse.GetValue(TlsKey) is null))
        {
            error = "--tls-cert and --tls-key go together";
            return null;
        }
        if ((parse.GetValue(User) is null) != (parse.GetValue(Password) is null))
        {
            error = "--nats-user and --nats-password go together";
            return null;
        }
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("nats" or "tls" or "ws" or "wss"))
        {
            error = $"{url}: expected a NATS URL such as nats://127.0.0.1:4222";
            return null;
        }
        return new NatsSettings(url)
        {
            User = parse.GetValue(User),
            Password = parse.GetValue(Password),
            Token = parse.GetValue(Token),
            CredsFile = parse.GetValue(Creds)?.FullName,
            NKeyFile = parse.GetValue(NKey)?.FullName,
            TlsCa = parse.GetValue(TlsCa)?.FullName,
            TlsCert = parse.GetValue(TlsCert)?.FullName,
            TlsKey = parse.GetValue(TlsKey)?.FullName,
        };
    }
}
