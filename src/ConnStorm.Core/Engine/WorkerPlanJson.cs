using System.Net;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace ConnStorm.Engine;

/// <summary>
/// The worker plan's JSON, generated at build time (no reflection in the worker). Enums are
/// written by name and addresses as text so a plan line reads well in a debugger or a log.
/// </summary>
[JsonSourceGenerationOptions(
    UseStringEnumConverter = true,
    Converters = [typeof(IPEndPointJsonConverter), typeof(IPAddressJsonConverter)])]
[JsonSerializable(typeof(WorkerPlan))]
internal sealed partial class WorkerPlanJson : JsonSerializerContext;

/// <summary>"127.0.0.1:9000", "[::1]:9000".</summary>
internal sealed class IPEndPointJsonConverter : JsonConverter<IPEndPoint>
{
    public override IPEndPoint Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        IPEndPoint.TryParse(reader.GetString() ?? "", out var endPoint) ? endPoint
            : throw new JsonException($"'{reader.GetString()}' is not an ADDRESS:PORT endpoint");

    public override void Write(Utf8JsonWriter writer, IPEndPoint value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.ToString());
}

internal sealed class IPAddressJsonConverter : JsonConverter<IPAddress>
{
    public override IPAddress Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        IPAddress.TryParse(reader.GetString() ?? "", out var address) ? address
            : throw new JsonException($"'{reader.GetString()}' is not an IP address");

    public override void Write(Utf8JsonWriter writer, IPAddress value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.ToString());
}
