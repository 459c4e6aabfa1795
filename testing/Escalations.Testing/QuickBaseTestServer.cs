using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Escalations.Testing;

/// <summary>
/// A local stand-in for QuickBase's JSON API, speaking the documented insert/update call over real HTTP:
/// <c>POST /v1/records</c> with <c>QB-Realm-Hostname</c>, <c>Authorization: QB-USER-TOKEN …</c> and a body of
/// <c>to</c>, <c>data</c>, <c>mergeFieldId</c> and <c>fieldsToReturn</c>. Records are merged on the merge field;
/// a field the table does not have is a line error (207). Answers can be forced (429 with Retry-After, 401, 503).
/// </summary>
public sealed class QuickBaseTestServer : IAsyncDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Task _loop;
    private readonly ConcurrentQueue<(int Status, string Body, int? RetryAfterSeconds)> _forced = new();
    private readonly object _gate = new();
    private int _nextRecordId = 1;

    public QuickBaseTestServer(string realm, string token, string tableId, IEnumerable<int> tableFields)
    {
        (Realm, Token, TableId) = (realm, token, tableId);
        Fields = tableFields.Append(3).ToHashSet();
        Port = TestStorage.FreePort();
        _listener.Prefixes.Add($"http://127.0.0.1:{Port}/");
        _listener.Start();
        _loop = Task.Run(ServeAsync);
    }

    public string Realm { get; }
    public string Token { get; }
    public string TableId { get; }
    public int Port { get; }
    public string BaseUrl => $"http://127.0.0.1:{Port}/v1";

    /// <summary>The table's field ids (3, Record ID#, always).</summary>
    public HashSet<int> Fields { get; }

    /// <summary>The records by Record ID#: field id → value.</summary>
    public ConcurrentDictionary<int, Dictionary<int, JsonNode?>> Records { get; } = new();

    /// <summary>Every request body received, in order, with the status it was answered with.</summary>
    public ConcurrentQueue<(int Status, JsonObject? Body)> Requests { get; } = new();

    /// <summary>Answers the next call with <paramref name="status"/> (and its error body) instead of performing it.</summary>
    public void FailNext(int status, string message = "Error", string description = "", int? retryAfterSeconds = null) =>
        _forced.Enqueue((status, JsonSerializer.Serialize(new { message, description }), retryAfterSeconds));

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            try
            {
                await AnswerAsync(context);
            }
            catch (Exception ex) when (ex is HttpListenerException or IOException)
            {
                // The client went away.
            }
        }
    }

    private async Task AnswerAsync(HttpListenerContext context)
    {
        var request = context.Request;
        using var reader = new StreamReader(request.InputStream, Encoding.UTF8);
        var text = await reader.ReadToEndAsync();
        var body = request.HttpMethod == "POST" && text.Length > 0 ? JsonNode.Parse(text) as JsonObject : null;

        (int, string, int?) answer;
        if (request.HttpMethod != "POST" || request.Url!.AbsolutePath != "/v1/records")
            answer = (404, Error("Not Found", $"No such API: {request.HttpMethod} {request.Url!.AbsolutePath}"), null);
        else if (request.Headers["QB-Realm-Hostname"] != Realm)
            answer = (400, Error("Bad Request", "Missing or wrong QB-Realm-Hostname header"), null);
        else if (request.Headers["Authorization"] != $"QB-USER-TOKEN {Token}")
            answer = (401, Error("Access denied", "User token is invalid"), null);
        else if (string.IsNullOrEmpty(request.Headers["User-Agent"]) || request.ContentType?.StartsWith("application/json", StringComparison.Ordinal) != true)
            answer = (400, Error("Bad Request", "User-Agent and a JSON body are required"), null);
        else if (_forced.TryDequeue(out var forced))
            answer = forced;
        else
            answer = Upsert(body);

        var (status, json, retryAfter) = answer;
        Requests.Enqueue((status, body));
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        if (retryAfter is { } seconds) context.Response.Headers["Retry-After"] = seconds.ToString(CultureInfo.InvariantCulture);
        var bytes = Encoding.UTF8.GetBytes(json);
        await context.Response.OutputStream.WriteAsync(bytes);
        context.Response.Close();
    }

    private (int, string, int?) Upsert(JsonObject? body)
    {
        if (body?["to"]?.GetValue<string>() != TableId)
            return (404, Error("Table not found", $"No table with id {body?["to"]}"), null);
        if (body["data"] is not JsonArray data || body["mergeFieldId"]?.GetValue<int>() is not { } merge || !Fields.Contains(merge))
            return (400, Error("Bad Request", "data and a mergeFieldId of this table are required"), null);

        var created = new JsonArray();
        var updated = new JsonArray();
        var unchanged = new JsonArray();
        var returned = new JsonArray();
        var lineErrors = new JsonObject();
        lock (_gate)
        {
            for (var line = 0; line < data.Count; line++)
            {
                var values = ((JsonObject)data[line]!).ToDictionary(
                    f => int.Parse(f.Key, CultureInfo.InvariantCulture), f => f.Value!["value"]?.DeepClone());
                var unknown = values.Keys.Where(f => !Fields.Contains(f)).ToList();
                if (unknown.Count > 0 || !values.ContainsKey(merge))
                {
                    lineErrors[(line + 1).ToString(CultureInfo.InvariantCulture)] = new JsonArray(unknown.Count > 0
                        ? unknown.Select(f => (JsonNode)$"Incompatible value for field with ID \"{f}\".").ToArray()
                        : [(JsonNode)$"Missing value for merge field {merge}."]);
                    continue;
                }

                var key = values[merge]!.ToJsonString();
                var existing = Records.FirstOrDefault(r => r.Value.TryGetValue(merge, out var v) && v?.ToJsonString() == key);
                int id;
                if (existing.Value is null)
                {
                    id = _nextRecordId++;
                    Records[id] = values;
                    created.Add(id);
                }
                else
                {
                    id = existing.Key;
                    var same = values.All(v => existing.Value.TryGetValue(v.Key, out var old) && JsonNode.DeepEquals(old, v.Value));
                    foreach (var (field, value) in values) existing.Value[field] = value;
                    (same ? unchanged : updated).Add(id);
                }

                returned.Add(new JsonObject { ["3"] = new JsonObject { ["value"] = id } });
            }
        }

        var answer = new JsonObject
        {
            ["data"] = returned,
            ["metadata"] = new JsonObject
            {
                ["createdRecordIds"] = created,
                ["updatedRecordIds"] = updated,
                ["unchangedRecordIds"] = unchanged,
                ["totalNumberOfRecordsProcessed"] = created.Count + updated.Count + unchanged.Count,
                ["lineErrors"] = lineErrors.Count > 0 ? lineErrors : null,
            },
        };
        if (lineErrors.Count == 0) ((JsonObject)answer["metadata"]!).Remove("lineErrors");
        return (lineErrors.Count > 0 ? 207 : 200, answer.ToJsonString(), null);
    }

    private static string Error(string message, string description) => JsonSerializer.Serialize(new { message, description });

    public async ValueTask DisposeAsync()
    {
        _listener.Stop();
        _listener.Close();
        await _loop;
    }
}
