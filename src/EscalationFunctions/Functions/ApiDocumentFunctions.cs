using EscalationFunctions.OpenApi;
using Microsoft.Azure.Functions.Worker;

namespace EscalationFunctions.Functions;

/// <summary>The OpenAPI document and its reference page, open to anyone who can reach the app.</summary>
public sealed class ApiDocumentFunctions(ReferencePage reference)
{
    [Function(nameof(ApiDocument))]
    public IResult ApiDocument(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "openapi/{documentName}.json")] HttpRequest request, string documentName) =>
        documentName == OpenApi.ApiDocument.Name
            ? Results.Bytes(OpenApi.ApiDocument.Bytes, "application/json;charset=utf-8")
            : Results.NotFound();

    [Function(nameof(ApiReference))]
    public Task<IResult> ApiReference(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "reference/{*path}")] HttpRequest request) =>
        reference.ServeAsync(request.HttpContext);
}
