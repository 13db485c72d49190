using YamlDotNet.RepresentationModel;

namespace ConnStorm.Scenarios;

/// <summary>
/// The keys of churn, close modes, echo checks and held-connection pings, and the checks that
/// tie them to the sink: each names the key whose value cannot work with the rest.
/// </summary>
internal sealed partial class ScenarioBinder
{
    /// <summary>A payload that fits a new socket's send buffer, so the client sends it with one write().</summary>
    public const int MaxPayloadBytes = 4096;

    private LoadMode LoadModeOf(YamlNode node, string key) => Text(node, key, "hold or churn") switch
    {
        "hold" => LoadMode.Hold,
        "churn" => LoadMode.Churn,
        var other => throw map.Error(node, key, $"'{other}' is not a load mode: use hold or churn"),
    };

    private CloseMode CloseModeOf(YamlNode node, string key) => Text(node, key, "client-fin, client-rst or server-first") switch
    {
        "client-fin" => CloseMode.ClientFin,
        "client-rst" => CloseMode.ClientRst,
        "server-first" => CloseMode.ServerFirst,
        var other => throw map.Error(node, key, $"'{other}' is not a close mode: use client-fin, client-rst or server-first"),
    };

    private VerifyMode VerifyModeOf(YamlNode node, string key) => Text(node, key, "none or echo") switch
    {
        "none" => VerifyMode.None,
        "echo" => VerifyMode.Echo,
        var other => throw map.Error(node, key, $"'{other}' is not a verify mode: use none or echo"),
    };

    private List<int> TwReuseValues(YamlNode node, string key)
    {
        const string Expected = "values of net.ipv4.tcp_tw_reuse: 0 (off), 1 (on) or 2 (loopback only)";
        return Items(node, key, Expected).Select(item => Int(item, key, 0, 2)).ToList();
    }

    /// <summary>server-first needs a sink that accepts (to close first); an RST close cannot also wait for the sink's FIN.</summary>
    private void CheckClose(CloseMode close, bool lingerRst, SinkSpec? sink, SectionReader s)
    {
        if (close != CloseMode.ServerFirst)
        {
            return;
        }
        if (lingerRst)
        {
            throw map.Error(s.ValueOf("close"), s.PathOf("close"),
                "server-first contradicts linger_rst: true (the client would reset the connection instead of waiting for the sink to close)");
        }
        if (sink is null)
        {
            throw map.Error(s.ValueOf("close"), s.PathOf("close"),
                "server-first needs the embedded sink (sink:), which is what closes first");
        }
        if (sink.Mode == SinkMode.NoAccept)
        {
            throw map.Error(s.ValueOf("close"), s.PathOf("close"),
                "server-first needs a sink that accepts, but sink.mode is no-accept: a connection never accepted is never closed by the sink");
        }
    }

    private void CheckVerify(VerifyMode verify, SinkSpec? sink, SectionReader s)
    {
        // Without an embedded sink the targets are someone else's, and may well echo.
        if (verify == VerifyMode.Echo && sink is not null && sink.Mode != SinkMode.Echo)
        {
            throw map.Error(s.ValueOf("verify"), s.PathOf("verify"),
                $"echo needs the sink to echo: set sink.mode: echo (it is {ModeText(sink.Mode)}, so no payload would come back)");
        }
    }

    private void CheckDuration(LoadMode mode, TimeSpan? duration, SectionReader s)
    {
        if (mode == LoadMode.Churn && duration is null)
        {
            throw map.Error(s.ValueOf("mode"), s.PathOf("mode"),
                "churn needs load.duration (for example 20s): how long to keep opening and closing connections");
        }
        if (mode == LoadMode.Hold && duration is not null)
        {
            throw map.Error(s.ValueOf("duration"), s.PathOf("duration"),
                "only applies to mode: churn (a hold run makes load.connections attempts; see load.hold)");
        }
    }

    private void CheckPing(TimeSpan ping, LoadMode mode, TimeSpan hold, SinkSpec? sink, SectionReader s)
    {
        if (ping <= TimeSpan.Zero)
        {
            return;
        }
        YamlNode at = s.ValueOf("ping_interval");
        string key = s.PathOf("ping_interval");
        if (mode == LoadMode.Churn)
        {
            throw map.Error(at, key, "pings held connections, but mode: churn holds none; use it with mode: hold and load.hold");
        }
        if (hold <= TimeSpan.Zero)
        {
            throw map.Error(at, key, "pings during the hold, but load.hold is 0s: set load.hold too");
        }
        if (sink is not null && sink.Mode != SinkMode.Echo)
        {
            throw map.Error(at, key,
                $"each ping expects its byte back: the sink must echo (set sink.mode: echo; it is {ModeText(sink.Mode)})");
        }
    }

    /// <summary>Only a churn closes connections one by one; a hold closes them all from the client at the end.</summary>
    private void CheckCloseNeedsChurn(ClientSpec client, LoadSpec load, SectionReader clientSection)
    {
        if (client.Close == CloseMode.ServerFirst && load.Mode != LoadMode.Churn)
        {
            throw map.Error(clientSection.ValueOf("close"), clientSection.PathOf("close"),
                "server-first only applies to load.mode: churn (a hold keeps connections open; the sink would drop them at once)");
        }
    }

    private static string ModeText(SinkMode mode) => mode switch
    {
        SinkMode.NoAccept => "no-accept",
        _ => mode.ToString().ToLowerInvariant(),
    };
}
