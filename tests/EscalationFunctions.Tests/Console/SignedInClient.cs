using System.Net;
using System.Text.RegularExpressions;

namespace EscalationFunctions.Tests.Console;

/// <summary>An HTTP client with its own cookies, signed in to the app through the development sign-in, with the CSRF token its forms carry.</summary>
public sealed partial class SignedInClient : IDisposable
{
    private SignedInClient(HttpClient client, string csrf)
    {
        Client = client;
        Csrf = csrf;
    }

    public HttpClient Client { get; }
    public string Csrf { get; }

    /// <summary>The development sign-in's settings with these people (id → name); the first is a manager when <paramref name="managers"/> names them.</summary>
    public static Dictionary<string, string?> Settings(IEnumerable<(string Id, string Name)> people, params string[] managers)
    {
        var settings = new Dictionary<string, string?> { ["Console:SignIn"] = "Development" };
        foreach (var (id, name) in people) settings[$"Console:DevelopmentPeople:{id}"] = name;
        for (var i = 0; i < managers.Length; i++) settings[$"Console:DevelopmentManagers:{i}"] = managers[i];
        return settings;
    }

    /// <summary>A client with no session yet: it holds the CSRF cookie, not a person.</summary>
    public static async Task<SignedInClient> AnonymousAsync(TestApp app)
    {
        var client = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false }) { BaseAddress = app.Client.BaseAddress };
        var page = await client.GetStringAsync("/api/console/sign-in");
        return new SignedInClient(client, CsrfField().Match(page).Groups[1].Value);
    }

    public static async Task<SignedInClient> AsAsync(TestApp app, string personId)
    {
        var anonymous = await AnonymousAsync(app);
        var signedIn = await anonymous.PostFormAsync("/api/console/sign-in", ("person", personId));
        Assert.Equal(HttpStatusCode.SeeOther, signedIn.StatusCode);
        return anonymous;
    }

    /// <summary>Posts a form with this client's CSRF token.</summary>
    public Task<HttpResponseMessage> PostFormAsync(string path, params (string Name, string Value)[] fields) =>
        Client.PostAsync(path, new FormUrlEncodedContent(fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value)).Append(new("csrf", Csrf))));

    public void Dispose() => Client.Dispose();

    [GeneratedRegex("name=\"csrf\" value=\"([^\"]+)\"")]
    private static partial Regex CsrfField();
}
