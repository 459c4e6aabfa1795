using System.Globalization;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using Escalations.Domain;
using Escalations.Runtime.Storage;
using EscalationFunctions.Http;
using EscalationFunctions.Security;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace EscalationFunctions.OpenApi;

/// <summary>
/// What every operation shares, added by rule so a new function inherits it: the security schemes, the headers a
/// POST may carry, typed and bounded parameters (by name), a safe example body (the request type's static
/// <c>Example</c>), and every problem answer it can give.
/// </summary>
public sealed class ContractOperations(ApiOptions api) : IOpenApiOperationTransformer
{
    public const string ApiKeyScheme = "ApiKey";
    public const string FunctionKeyScheme = "FunctionKey";
    public const string FunctionKeyHeader = "x-functions-key";
    public const string ProblemSchema = "ProblemDetails";
    public const string ProblemContentType = "application/problem+json";

    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var description = context.Description;
        var open = RequestAuthentication.IsOpen(new PathString("/" + description.RelativePath));
        var post = string.Equals(description.HttpMethod, "POST", StringComparison.OrdinalIgnoreCase);
        var document = context.Document;

        operation.Security = open
            ? []
            : [Requirement(ApiKeyScheme, document), Requirement(FunctionKeyScheme, document)];

        foreach (var parameter in operation.Parameters?.OfType<OpenApiParameter>() ?? [])
            Describe(parameter);
        if (post && !open)
        {
            operation.Parameters ??= [];
            operation.Parameters.Add(Header(EventIds.IdempotencyHeader,
                "Makes a retried request the same event, applied once. Without it the event is the hash of the escalation, the action and the body.",
                new OpenApiSchema { Type = JsonSchemaType.String, MaxLength = RequestRules.MaxIdLength, Pattern = RequestRules.TokenPattern }));
            operation.Parameters.Add(Header(RequestAuthentication.TimestampHeader,
                "Required when the service has a webhook signing secret (ignored otherwise): Unix seconds, within Security:SignatureTolerance (5 minutes) of the service's clock.",
                new OpenApiSchema { Type = JsonSchemaType.String, Pattern = "^[0-9]{1,12}$" }));
            operation.Parameters.Add(Header(RequestAuthentication.SignatureHeader,
                "Required when the service has a webhook signing secret (ignored otherwise): sha256= and the hex HMAC-SHA256 of \"<timestamp>.<METHOD>.<path and query>.<Idempotency-Key>.<body>\".",
                new OpenApiSchema { Type = JsonSchemaType.String, Pattern = "^sha256=[0-9a-f]{64}$" }));
        }

        if (operation.RequestBody is OpenApiRequestBody body && body.Content is { } content
            && description.ActionDescriptor.EndpointMetadata.OfType<IAcceptsMetadata>().FirstOrDefault()?.RequestType is { } type
            && type.GetProperty("Example", BindingFlags.Public | BindingFlags.Static)?.GetValue(null) is { } example)
        {
            foreach (var media in content.Values) media.Example = JsonSerializer.SerializeToNode(example, type, ApiJson.Options);
        }

        operation.Responses ??= [];
        var hasInput = operation.RequestBody is not null || operation.Parameters is { Count: > 0 };
        if (hasInput) AddProblem(operation, StatusCodes.Status400BadRequest, "The request is not valid (validation, with errors naming each field) or could not be read (bad-request).", document);
        if (!open) AddProblem(operation, StatusCodes.Status401Unauthorized, "No or wrong API key; a missing, wrong or stale signature (unauthorized).", document);
        if (operation.RequestBody is not null)
        {
            AddProblem(operation, StatusCodes.Status413PayloadTooLarge, $"The body is over Api:MaxBodyBytes ({api.MaxBodyBytes} bytes by configuration) (too-large).", document);
            AddProblem(operation, StatusCodes.Status415UnsupportedMediaType, "The body is not JSON (unsupported-media-type).", document);
        }

        AddProblem(operation, StatusCodes.Status500InternalServerError, "An unexpected failure; nothing is half done, retry (internal).", document);
        AddProblem(operation, StatusCodes.Status503ServiceUnavailable, "Azure Storage cannot be reached; nothing was changed (storage-unavailable).", document);

        foreach (var (status, response) in operation.Responses)
        {
            if (response is not OpenApiResponse r) continue;
            if (int.Parse(status, CultureInfo.InvariantCulture) >= 400 && r.Content?.TryGetValue(ProblemContentType, out var problem) == true)
            {
                problem.Schema = new OpenApiSchemaReference(ProblemSchema, document);
                if (Descriptions.TryGetValue(status, out var text)) r.Description = text;
            }
            if (status == "503")
            {
                r.Headers ??= new Dictionary<string, IOpenApiHeader>();
                r.Headers["Retry-After"] = new OpenApiHeader { Description = "Seconds to wait before retrying.", Schema = new OpenApiSchema { Type = JsonSchemaType.Integer, Minimum = "1" } };
            }

            if (status == "201")
            {
                r.Headers ??= new Dictionary<string, IOpenApiHeader>();
                r.Headers["Location"] = new OpenApiHeader { Description = "The new escalation's address.", Schema = new OpenApiSchema { Type = JsonSchemaType.String } };
            }
        }

        return Task.CompletedTask;
    }

    private static readonly Dictionary<string, string> Descriptions = new(StringComparer.Ordinal)
    {
        ["404"] = "No such escalation (not-found).",
        ["409"] = "Not allowed in the escalation's current state (invalid-transition, with state), or the escalation kept changing under the request (concurrent-update). Nothing was changed.",
    };

    private void Describe(OpenApiParameter parameter)
    {
        (string Text, OpenApiSchema Schema)? known = parameter.Name switch
        {
            "id" => ("The escalation's id, as the intake answered it.",
                new OpenApiSchema { Type = JsonSchemaType.String, MaxLength = 64, Pattern = TableKeys.EscalationIdPattern }),
            "accountId" => ("The customer's account.", Id()),
            "supervisorId" => ("Only escalations held or owned by this supervisor.", Id()),
            "vendor" => ("Only escalations of this BPO vendor's agents.",
                new OpenApiSchema { Type = JsonSchemaType.String, MaxLength = RequestRules.MaxNameLength, Pattern = RequestRules.NamePattern }),
            "status" => ("Only escalations in this open state (one name).",
                new OpenApiSchema
                {
                    Type = JsonSchemaType.String,
                    Enum = EscalationStatusExtensions.OpenStates.Select(s => (JsonNode)JsonNamingPolicy.CamelCase.ConvertName(s.ToString())).ToList(),
                }),
            "dueBefore" => ("Only callbacks due at or before this moment: an RFC 3339 date and time with its offset (at most ±14:00), such as 2026-11-25T17:00:00Z.",
                new OpenApiSchema { Type = JsonSchemaType.String, Format = "date-time", Pattern = Rfc3339.Pattern }),
            "unreachable" => ("Only callbacks flagged unreachable (true: Escalation:MaxCallbackAttempts attempts did not reach the customer) or not (false).",
                new OpenApiSchema { Type = JsonSchemaType.Boolean }),
            "pageSize" => ($"Items per page (default {api.DefaultPageSize}).",
                new OpenApiSchema
                {
                    Type = JsonSchemaType.Integer, Format = "int32",
                    Minimum = "1", Maximum = api.MaxPageSize.ToString(CultureInfo.InvariantCulture),
                    Default = JsonValue.Create(api.DefaultPageSize),
                }),
            "from" => ("The period's first day, in Email:TimeZone (see the operation's description for the period's rules).",
                new OpenApiSchema { Type = JsonSchemaType.String, Format = "date", Pattern = Apis.ReportsApi.DayPattern }),
            "to" => ("The period's last day, included: on or after from and at most 365 days after it (see the operation's description).",
                new OpenApiSchema { Type = JsonSchemaType.String, Format = "date", Pattern = Apis.ReportsApi.DayPattern }),
            "groupBy" => ("How the rows are grouped (default vendor).",
                new OpenApiSchema { Type = JsonSchemaType.String, Enum = [(JsonNode)"vendor", "supervisor", "affiliation"] }),
            "format" => ("json (the default) or csv; Accept: text/csv also asks for CSV.",
                new OpenApiSchema { Type = JsonSchemaType.String, Enum = [(JsonNode)"json", "csv"] }),
            "next" => ("The previous page's next token, unchanged; only valid for the same query.",
                new OpenApiSchema { Type = JsonSchemaType.String, MaxLength = 4096, Pattern = "^[A-Za-z0-9_-]+$" }),
            _ => null,
        };
        if (known is not { } k) return;
        parameter.Description ??= k.Text;
        parameter.Schema = k.Schema;
    }

    private static OpenApiSchema Id() => new() { Type = JsonSchemaType.String, MaxLength = RequestRules.MaxIdLength, Pattern = RequestRules.IdPattern };

    private static OpenApiParameter Header(string name, string description, OpenApiSchema schema) =>
        new() { Name = name, In = ParameterLocation.Header, Required = false, Description = description, Schema = schema };

    private static OpenApiSecurityRequirement Requirement(string scheme, OpenApiDocument? document) =>
        new() { [new OpenApiSecuritySchemeReference(scheme, document)] = [] };

    private static void AddProblem(OpenApiOperation operation, int status, string description, OpenApiDocument? document)
    {
        var key = status.ToString(CultureInfo.InvariantCulture);
        if (operation.Responses!.ContainsKey(key)) return;
        operation.Responses[key] = new OpenApiResponse
        {
            Description = description,
            Content = new Dictionary<string, OpenApiMediaType>
            {
                [ProblemContentType] = new() { Schema = new OpenApiSchemaReference(ProblemSchema, document) },
            },
        };
    }
}
