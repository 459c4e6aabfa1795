using System.Net.Http.Headers;

namespace EscalationFunctions.Tests.Contract;

/// <summary>
/// Checks every answer the test client receives against the document the app serves (read once, through the
/// same connection, unchecked): a status the operation does not document, another content type, or a body that
/// breaks its schema fails the test that sent the request.
/// </summary>
public sealed class ContractValidation : DelegatingHandler
{
    private readonly SemaphoreSlim _loading = new(1, 1);
    private ApiContract? _contract;

    protected override HttpResponseMessage Send(HttpRequestMessage request, CancellationToken cancellationToken) =>
        SendAsync(request, cancellationToken).GetAwaiter().GetResult();

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var contract = await ContractAsync(request.RequestUri!, cancellationToken);
        var response = await base.SendAsync(request, cancellationToken);

        // Read the body once and put it back, so the test reads it as usual.
        var bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        var replaced = new ByteArrayContent(bytes);
        foreach (var header in response.Content.Headers) replaced.Headers.TryAddWithoutValidation(header.Key, header.Value);
        response.Content = replaced;

        var violations = contract.Check(request.Method, request.RequestUri!, (int)response.StatusCode,
            response.Content.Headers.ContentType?.MediaType, System.Text.Encoding.UTF8.GetString(bytes));
        if (violations.Count > 0)
            throw new ContractViolationException(string.Join(Environment.NewLine, violations));
        return response;
    }

    private async Task<ApiContract> ContractAsync(Uri requestUri, CancellationToken cancellationToken)
    {
        if (_contract is not null) return _contract;
        await _loading.WaitAsync(cancellationToken);
        try
        {
            if (_contract is null)
            {
                using var get = new HttpRequestMessage(HttpMethod.Get, new Uri(requestUri, "/api/openapi/v1.json"));
                get.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
                using var document = await base.SendAsync(get, cancellationToken);
                document.EnsureSuccessStatusCode();
                _contract = ApiContract.For(await document.Content.ReadAsStringAsync(cancellationToken));
            }

            return _contract;
        }
        finally
        {
            _loading.Release();
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing) _loading.Dispose();
        base.Dispose(disposing);
    }
}
