using System.Text.Json;
using System.Text.Json.Serialization;

namespace ConnStorm.Results;

/// <summary>
/// Manifest times are UTC and always say so ("…Z"): a local time is converted, and an unspecified
/// one (a caller's DateTime without a kind) is taken as UTC rather than written without a zone.
/// </summary>
internal sealed class UtcDateTimeConverter : JsonConverter<DateTime>
{
    public override DateTime Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.GetDateTime().ToUniversalTime();

    public override void Write(Utf8JsonWriter writer, DateTime value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.Kind switch
        {
            DateTimeKind.Local => value.ToUniversalTime(),
            DateTimeKind.Unspecified => DateTime.SpecifyKind(value, DateTimeKind.Utc),
            _ => value,
        });
}
