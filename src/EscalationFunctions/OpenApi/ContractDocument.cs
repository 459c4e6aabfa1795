using System.Text.Json.Nodes;
using EscalationFunctions.Http;
using EscalationFunctions.Security;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace EscalationFunctions.OpenApi;

/// <summary>The document as a whole: what it is, how callers authenticate, and the one problem-details shape.</summary>
public sealed class ContractDocument : IOpenApiDocumentTransformer
{
    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Info.Title = "EscalationFunctions";
        document.Info.Description =
            "Supervisor requests, callbacks and management escalations for the TS&R contact center. "
            + "JSON in and out, camelCase, enums by camelCase name. A member without a value is left out of the JSON, never sent as null: "
            + "such members are optional in every schema here, and none is nullable. Errors are RFC 9457 problem details "
            + "(application/problem+json) with a type under urn:escalation-functions:problem:, and change nothing. "
            + "Query parameters an operation does not list are ignored (in Azure the Functions host reads one of its own, code, a function key). "
            + "The signature headers are read only when the service has a webhook signing secret, and ignored otherwise. "
            + "A request the web server cannot parse at all (a NUL byte in the path, a control character in a header value) is refused "
            + "with a bare 400 before the service sees it: that answer alone has no problem details.";

        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes[ContractOperations.ApiKeyScheme] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.ApiKey, In = ParameterLocation.Header, Name = RequestAuthentication.ApiKeyHeader,
            Description = "Standalone: the value of Security:ApiKey. With no key configured, only callers on the same machine are served.",
        };
        document.Components.SecuritySchemes[ContractOperations.FunctionKeyScheme] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.ApiKey, In = ParameterLocation.Header, Name = ContractOperations.FunctionKeyHeader,
            Description = "Under the Azure Functions host: a function key (the host checks it before the request reaches the app).",
        };

        document.Components.Schemas ??= new Dictionary<string, IOpenApiSchema>();
        document.Components.Schemas[ContractOperations.ProblemSchema] = Problem(document);

        // The agent's vendor goes with its affiliation: never a bpo agent without one, nor an in-house agent with one.
        // (Said with not/anyOf, which validators read and client generators leave alone.)
        if (document.Components.Schemas.TryGetValue("AgentBody", out var agent) && agent is OpenApiSchema body)
        {
            body.Not = new OpenApiSchema
            {
                AnyOf =
                [
                    new OpenApiSchema { Properties = new Dictionary<string, IOpenApiSchema> { ["affiliation"] = OneValue("bpo") }, Not = new OpenApiSchema { Required = new HashSet<string> { "vendor" } } },
                    new OpenApiSchema { Properties = new Dictionary<string, IOpenApiSchema> { ["affiliation"] = OneValue("inHouse") }, Required = new HashSet<string> { "vendor" } },
                ],
            };
        }

        // The framework wraps nullable members as oneOf [null, X] after the schema transformers ran: unwrap them.
        foreach (var schema in document.Components.Schemas.Values.OfType<OpenApiSchema>()) WithoutNullChoices(schema);
        return Task.CompletedTask;
    }

    private static void WithoutNullChoices(OpenApiSchema schema)
    {
        if (schema.Properties is null) return;
        foreach (var (name, member) in schema.Properties.ToList())
        {
            if (member is OpenApiSchema { OneOf: { Count: 2 } choices } wrapper && choices.Count(c => c.Type == JsonSchemaType.Null) == 1)
            {
                var value = choices.Single(c => c.Type != JsonSchemaType.Null);
                if (value is OpenApiSchemaReference reference && wrapper.Description is { } text) reference.Description ??= text;
                schema.Properties[name] = value;
            }
        }
    }

    private static OpenApiSchema OneValue(string value) => new() { Enum = [JsonValue.Create(value)] };

    private static OpenApiSchema Problem(OpenApiDocument document) => new()
    {
        Type = JsonSchemaType.Object,
        Description = "RFC 9457 problem details.",
        Required = new HashSet<string> { "type", "title", "status", "detail", "traceId" },
        AdditionalPropertiesAllowed = false,
        Properties = new Dictionary<string, IOpenApiSchema>
        {
            // A pattern, not an enum: generated clients turn an enum into names that URNs cannot match.
            ["type"] = new OpenApiSchema
            {
                Type = JsonSchemaType.String, Pattern = "^" + Problems.TypePrefix + "(" + string.Join("|", Problems.Types) + ")$",
                Description = "Stable: what went wrong, for code to branch on. One of " + string.Join(", ", Problems.Types) + ", after " + Problems.TypePrefix + ".",
            },
            ["title"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "A short summary for people." },
            ["status"] = new OpenApiSchema { Type = JsonSchemaType.Integer, Format = "int32", Minimum = "400", Maximum = "599", Description = "The HTTP status." },
            ["detail"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "What exactly went wrong with this request." },
            ["instance"] = new OpenApiSchema { Type = JsonSchemaType.String },
            ["traceId"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "Quote it when reporting a problem: it finds the request in the logs." },
            ["errors"] = new OpenApiSchema
            {
                Type = JsonSchemaType.Object, Description = "validation only: each invalid field (dotted path, or body) and its messages.",
                AdditionalProperties = new OpenApiSchema { Type = JsonSchemaType.Array, Items = new OpenApiSchema { Type = JsonSchemaType.String } },
            },
            ["state"] = new OpenApiSchemaReference("EscalationStatus", document),
        },
    };
}
