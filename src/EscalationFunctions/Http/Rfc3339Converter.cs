using System.Text.Json;
using System.Text.Json.Serialization;

namespace EscalationFunctions.Http;

/// <summary>Reads a date and time only in the form <see cref="Rfc3339"/> accepts (the document's pattern); writes as System.Text.Json does.</summary>
public sealed class Rfc3339Converter : JsonConverter<DateTimeOffset>
{
    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType == JsonTokenType.String && Rfc3339.TryParse(reader.GetString(), out var value)
            ? value
            : throw new JsonException("An RFC 3339 date and time, such as 2026-11-25T17:00:00Z.");

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) => writer.WriteStringValue(value);
}
