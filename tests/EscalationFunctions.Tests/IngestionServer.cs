using System.IO.Compression;
using System.Net;
using System.Text;

namespace EscalationFunctions.Tests;

/// <summary>
/// A local stand-in for Application Insights' ingestion endpoint (<c>POST {IngestionEndpoint}/v2.1/track</c>,
/// newline-delimited JSON envelopes, gzip-compressed): it accepts every batch and keeps the text.
/// </summary>
public sealed class IngestionServer : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly List<string> _batches = [];
    private readonly Task _serving;

    public IngestionServer()
    {
        Url = $"http://127.0.0.1:{TestStorage.FreePort()}/";
        _listener.Prefixes.Add(Url);
        _listener.Start();
        _serving = Task.Run(ServeAsync);
    }

    public string Url { get; }

    public IReadOnlyList<string> Batches
    {
        get { lock (_batches) return [.. _batches]; }
    }

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException)
            {
                return;
            }

            using var body = new MemoryStream();
            await context.Request.InputStream.CopyToAsync(body);
            body.Position = 0;
            Stream read = context.Request.Headers["Content-Encoding"] == "gzip" ? new GZipStream(body, CompressionMode.Decompress) : body;
            using (var reader = new StreamReader(read, Encoding.UTF8))
            {
                var text = await reader.ReadToEndAsync();
                lock (_batches) _batches.Add($"{context.Request.Url!.AbsolutePath}\n{text}");
            }

            var lines = _batches.Count;
            context.Response.StatusCode = 200;
            context.Response.ContentType = "application/json";
            await context.Response.OutputStream.WriteAsync(Encoding.UTF8.GetBytes($"{{\"itemsReceived\":{lines},\"itemsAccepted\":{lines},\"errors\":[]}}"));
            context.Response.Close();
        }
    }

    public void Dispose()
    {
        _listener.Stop();
        _listener.Close();
        _serving.Wait(TimeSpan.FromSeconds(5));
    }
}
