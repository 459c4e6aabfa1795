using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Escalations.Domain;
using Escalations.Runtime;

namespace Escalations.QuickBase;

/// <summary>
/// Mirrors a callback request as a QuickBase record through the JSON API's insert/update call
/// (<c>POST {BaseUrl}/records</c>, merged on the escalation-id field, so a retried call updates the record it
/// created). Answers are read as the API documents them: 200 with the created, updated and unchanged record ids;
/// 207 when a record failed (its line errors become the dead-letter reason); 429 with Retry-After; 401, 403 and
/// 400 refuse for good; 5xx and timeouts are retried.
/// </summary>
public sealed class QuickBaseRecords(QuickBaseOptions options, HttpClient http) : IFollowUpSync
{
    public const string SystemName = "QuickBase";

    /// <summary>QuickBase's own Record ID# field.</summary>
    private const int RecordIdField = 3;

    public bool Enabled => options.Enabled;

    public async Task<FollowUpRecord> SyncAsync(Escalation escalation, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, options.BaseUrl.TrimEnd('/') + "/records")
        {
            Content = new StringContent(Body(escalation).ToJsonString(), Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("QB-Realm-Hostname", options.Realm);
        request.Headers.Authorization = new AuthenticationHeaderValue("QB-USER-TOKEN", options.UserToken);
        request.Headers.UserAgent.Add(new ProductInfoHeaderValue("EscalationFunctions", "1.0"));

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.Timeout);
        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"QuickBase did not answer within {options.Timeout}.");
        }

        using (response)
        {
            var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            return Read(response, text);
        }
    }

    /// <summary>The upsert request: one record, merged on the escalation id, returning Record ID#.</summary>
    internal JsonObject Body(Escalation e)
    {
        var fields = options.Fields;
        var record = new JsonObject();
        void Put(int field, JsonNode? value)
        {
            if (field != 0) record[field.ToString(CultureInfo.InvariantCulture)] = new JsonObject { ["value"] = value };
        }

        var callback = e.Callback;
        Put(fields.EscalationId, e.Id);
        Put(fields.AccountId, e.AccountId);
        Put(fields.Status, e.Status.ToString());
        Put(fields.RequestedAt, Stamp(callback?.RequestedAt));
        Put(fields.DueAt, Stamp(callback?.DueAt));
        Put(fields.Owner, callback?.Owner?.ToString() ?? "");
        Put(fields.Agent, e.Agent is { } a ? $"{a.Name} ({a.Id})" : "");
        Put(fields.Vendor, e.Agent?.Vendor ?? "");
        Put(fields.CallbackPhone, e.CallbackPhone ?? "");
        Put(fields.Threats, string.Join(", ", e.Threats));
        Put(fields.Attempts, callback?.Attempts ?? 0);
        Put(fields.LastAttempt, callback?.LastAttempt is { } last ? $"{Scripts.Outcome(last.Outcome)}, {Durations.Stamp(last.At)}, {last.By}" : "");
        Put(fields.Unreachable, callback?.Unreachable == true);
        Put(fields.BreachedAt, Stamp(callback?.BreachedAt));
        Put(fields.CompletedAt, Stamp(callback?.CompletedAt));
        return new JsonObject
        {
            ["to"] = options.TableId,
            ["data"] = new JsonArray(record),
            ["mergeFieldId"] = fields.EscalationId,
            ["fieldsToReturn"] = new JsonArray(RecordIdField),
        };
    }

    private FollowUpRecord Read(HttpResponseMessage response, string text)
    {
        var status = (int)response.StatusCode;
        if (response.StatusCode == HttpStatusCode.TooManyRequests || (status == 503 && response.Headers.RetryAfter is not null))
            throw new RetryAfterException(RetryAfter(response), $"QuickBase answered {status}: {Message(text)}");
        if (status is 400 or 401 or 403 or 404)
            throw new PermanentEffectException($"QuickBase refused the record ({status}): {Message(text)}");
        if (status >= 500)
            throw new HttpRequestException($"QuickBase answered {status}: {Message(text)}", null, response.StatusCode);
        if (status is not (200 or 207))
            throw new HttpRequestException($"QuickBase answered an unexpected {status}.", null, response.StatusCode);

        try
        {
            return Records(text, status);
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or KeyNotFoundException)
        {
            // Not the answer the API documents: no retry will make it one.
            throw new PermanentEffectException($"QuickBase answered {status} in a shape this connector does not read ({ex.GetType().Name}): {Clip(text)}", ex);
        }
    }

    /// <summary>The documented insert/update answer: its line errors, or the record's id and whether it was created.</summary>
    private static FollowUpRecord Records(string text, int status)
    {
        using var json = JsonDocument.Parse(text);
        var metadata = json.RootElement.GetProperty("metadata");
        if (metadata.TryGetProperty("lineErrors", out var lineErrors) && lineErrors.ValueKind == JsonValueKind.Object && lineErrors.EnumerateObject().Any())
        {
            var errors = lineErrors.EnumerateObject().SelectMany(l => l.Value.EnumerateArray().Select(m => m.GetString()));
            throw new PermanentEffectException($"QuickBase did not take the record ({status}): {string.Join("; ", errors)}");
        }

        var created = Ids(metadata, "createdRecordIds");
        var recordId = json.RootElement.TryGetProperty("data", out var data) && data.GetArrayLength() > 0
            && data[0].TryGetProperty(RecordIdField.ToString(CultureInfo.InvariantCulture), out var rid)
            ? rid.GetProperty("value").GetRawText()
            : created.Concat(Ids(metadata, "updatedRecordIds")).Concat(Ids(metadata, "unchangedRecordIds")).FirstOrDefault()
              ?? throw new InvalidOperationException("QuickBase answered without a record id.");
        return new FollowUpRecord(SystemName, recordId, created.Contains(recordId));
    }

    private static string Clip(string text) => text.Length > 200 ? text[..200] : text;

    private TimeSpan RetryAfter(HttpResponseMessage response) => response.Headers.RetryAfter switch
    {
        { Delta: { } delta } => delta,
        { Date: { } date } => date - DateTimeOffset.UtcNow is var wait && wait > TimeSpan.Zero ? wait : TimeSpan.Zero,
        _ => options.DefaultRetryAfter,
    };

    private static List<string> Ids(JsonElement metadata, string name) =>
        metadata.TryGetProperty(name, out var ids) && ids.ValueKind == JsonValueKind.Array ? ids.EnumerateArray().Select(i => i.GetRawText()).ToList() : [];

    /// <summary>QuickBase's error answer: {"message": …, "description": …}; the raw text when it is not that shape.</summary>
    private static string Message(string text)
    {
        try
        {
            using var json = JsonDocument.Parse(text);
            var root = json.RootElement;
            var message = root.TryGetProperty("message", out var m) ? m.GetString() : null;
            var description = root.TryGetProperty("description", out var d) ? d.GetString() : null;
            return string.Join(": ", new[] { message, description }.Where(s => !string.IsNullOrEmpty(s)));
        }
        catch (JsonException)
        {
            return Clip(text);
        }
    }

    private static JsonNode? Stamp(DateTimeOffset? at) => at?.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
