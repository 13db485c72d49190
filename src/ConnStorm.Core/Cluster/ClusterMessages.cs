using System.Text.Json;
using System.Text.Json.Serialization;

namespace ConnStorm.Cluster;

/// <summary>An agent's announcement: who it is and what its host can do.</summary>
public sealed record Hello(string Name, string KernelRelease, int Cores, ulong RlimitNofile,
    IReadOnlyList<string> Addresses, string PortRange, string Version);

/// <summary>Every second from every agent; Run is the run token it is busy with, null when idle.</summary>
public sealed record Heartbeat(string Name, string? Run);

/// <summary>The agent's answer to a clock request: its UTC clock, in ticks, when it answered.</summary>
public sealed record ClockReply(long UtcTicks);

/// <summary>
/// One concrete run for one agent: the resolved scenario (JSON, which the agent parses with the
/// same binder as a file) already holding this agent's shard (load.connections, load.rate,
/// client.source_ips, targets). Token names the run on every later subject. Role "sink" (see
/// <see cref="PlanRoles"/>) asks the agent to serve the scenario's sink: instead of connecting: it
/// answers once listening and serves until the coordinator sends stop.
/// </summary>
public sealed record Plan(string Token, int Run, string RunId, string ScenarioJson, string? Role = null);

/// <summary>The values of <see cref="Plan.Role"/>; null means load.</summary>
public static class PlanRoles
{
    public const string Load = "load";
    public const string Sink = "sink";
}

/// <summary>An agent's answer to a plan: accepted, or refused with a reason.</summary>
public sealed record PlanReply(bool Accepted, string? Reason);

/// <summary>Agent → coordinator once its lab, sinks and workers are ready; the reply is <see cref="StartAt"/>.</summary>
public sealed record Ready(string Name);

/// <summary>The common start, in the receiving agent's own clock (coordinator start + its offset).</summary>
public sealed record StartAt(long UtcTicks);

/// <summary>A live progress sample: the agent's latest timeline.csv and failures.csv lines.</summary>
public sealed record Sample(string Name, IReadOnlyList<string> TimelineRows, IReadOnlyList<string> FailureRows);

/// <summary>One piece of one results file; Sha256 (hex) is the whole file's, sent with every chunk.</summary>
public sealed record FileChunk(string Name, string File, int Index, int Count, string Sha256, byte[] Data);

/// <summary>The agent's last word on a run: complete, failed (with why) or interrupted.</summary>
public sealed record Done(string Name, string Status, long Attempts, string? Error);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(Hello))]
[JsonSerializable(typeof(Heartbeat))]
[JsonSerializable(typeof(ClockReply))]
[JsonSerializable(typeof(Plan))]
[JsonSerializable(typeof(PlanReply))]
[JsonSerializable(typeof(Ready))]
[JsonSerializable(typeof(StartAt))]
[JsonSerializable(typeof(Sample))]
[JsonSerializable(typeof(FileChunk))]
[JsonSerializable(typeof(Done))]
internal sealed partial class ClusterJson : JsonSerializerContext
{
    public static byte[] Bytes<T>(T value) => JsonSerializer.SerializeToUtf8Bytes(value, typeof(T), Default);

    /// <summary>Null when the bytes are not a <typeparamref name="T"/> (a malformed message is refused, never thrown).</summary>
    public static T? Read<T>(byte[]? data) where T : class
    {
        if (data is null || data.Length == 0)
        {
            return null;
        }
        try
        {
            return JsonSerializer.Deserialize(data, typeof(T), Default) as T;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}

/// <summary>Every subject ConnStorm uses, all under connstorm.</summary>
public static class Subjects
{
    public const string Hello = "connstorm.hello";
    /// <summary>The coordinator asks every agent to announce itself again.</summary>
    public const string Discover = "connstorm.discover";
    public const string Heartbeats = "connstorm.heartbeat.*";

    public static string Heartbeat(string agent) => $"connstorm.heartbeat.{agent}";
    public static string Clock(string agent) => $"connstorm.agent.{agent}.clock";
    public static string Plan(string agent) => $"connstorm.agent.{agent}.plan";
    public static string Stop(string agent) => $"connstorm.agent.{agent}.stop";

    /// <summary>Agent → coordinator subjects of one run (token): ready, sample, file, done.</summary>
    public static string Run(string token, string what) => $"connstorm.run.{token}.{what}";
}
