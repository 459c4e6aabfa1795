using System.Text.Json;
using System.Text.Json.Serialization;

namespace EscalationFunctions.Tests.Generated;

/// <summary>
/// The one line an integrator adds to NSwag's System.Text.Json client, through the hook it generates: enums inside
/// lists (threats, kinds) travel by camelCase name too (NSwag puts the string converter on single enum members only).
/// </summary>
public partial class EscalationsClient
{
    static partial void UpdateJsonSerializerSettings(JsonSerializerOptions settings) =>
        settings.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase));
}
