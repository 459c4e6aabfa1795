using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace EscalationFunctions.OpenApi;

/// <summary>
/// The API's one nullability rule, applied to every schema: a member without a value is left out of the JSON
/// (never written as <c>null</c>), so the document lists it as optional and never as nullable. A member is
/// required when a request must send it (<c>required</c>) or an answer always carries it (a non-nullable
/// constructor parameter of a response record). Every date-time carries the <see cref="Http.Rfc3339"/> pattern.
/// </summary>
public sealed class ContractSchemas : IOpenApiSchemaTransformer
{
    public Task TransformAsync(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        if (context.JsonPropertyInfo is { } member && !IsRequired(member)) WithoutNull(schema);

        // Enums travel as their camelCase names: say so, so generators make string enums.
        var type = Nullable.GetUnderlyingType(context.JsonTypeInfo.Type) ?? context.JsonTypeInfo.Type;
        if (type.IsEnum && schema.Enum is { Count: > 0 })
        {
            schema.Type = JsonSchemaType.String;
            schema.Enum = schema.Enum.Where(v => v is not null).ToList();
        }

        // Every date and time is read in one form: the pattern says its limits, which format alone does not.
        if (schema.Format == "date-time") schema.Pattern = Http.Rfc3339.Pattern;

        if (context.JsonTypeInfo.Kind == JsonTypeInfoKind.Object && schema.Properties is { Count: > 0 })
        {
            var required = context.JsonTypeInfo.Properties.Where(IsRequired).Select(p => p.Name).ToList();
            schema.Required = required.Count > 0 ? new HashSet<string>(required, StringComparer.Ordinal) : null;
        }

        return Task.CompletedTask;
    }

    internal static bool IsRequired(JsonPropertyInfo member) =>
        member.IsRequired || (member.AssociatedParameter is not null && !member.IsGetNullable);

    private static void WithoutNull(OpenApiSchema schema)
    {
        if (schema.Type is { } type && type.HasFlag(JsonSchemaType.Null)) schema.Type = type & ~JsonSchemaType.Null;
        if (schema.OneOf is { } choices)
        {
            foreach (var onlyNull in choices.Where(c => c.Type == JsonSchemaType.Null).ToList()) choices.Remove(onlyNull);
        }
    }
}
