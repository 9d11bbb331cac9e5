using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using OneStop.Workflows.Benchmarks.EndToEnd;
using OneStop.Workflows.Chaos.Invariants;

namespace OneStop.Workflows.Chaos;

/// <summary>
/// The driver's HTTP side: signs the demo staff in, sends requests as them, and records every 2xx answer to a submission or a
/// decision as <see cref="Acknowledged"/> (what the invariant check compares the database with). A request that got no
/// answer (the server died, the connection broke) answers null.
/// </summary>
internal sealed class ChaosHttp(Uri baseAddress) : IDisposable
{
    private readonly HttpClient _http = new(new SocketsHttpHandler { MaxConnectionsPerServer = 1024, PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
    {
        BaseAddress = baseAddress,
        Timeout = TimeSpan.FromSeconds(30),
    };

    private Dictionary<string, string> _tokens = [];

    public HttpClient Client => _http;

    public IReadOnlyDictionary<string, string> Tokens => _tokens;

    public ConcurrentBag<Acknowledged> Acknowledged { get; } = [];

    /// <summary>Signs in every user the case player uses (again after a restart).</summary>
    public async Task SignInAsync()
    {
        var tokens = new Dictionary<string, string>();
        foreach (var user in CasePlayer.Users)
        {
            using var response = await _http.PostAsJsonAsync("/api/auth/token", new { userName = user, password = "Demo123!" });
            var text = await response.Content.ReadAsStringAsync();
            tokens[user] = response.StatusCode == HttpStatusCode.OK && JsonNode.Parse(text)?["accessToken"]?.GetValue<string>() is { } token
                ? token
                : throw new InvalidOperationException($"Signing in as {user} failed: HTTP {(int)response.StatusCode} {text}");
        }

        _tokens = tokens;
    }

    /// <summary>Sends one request as <paramref name="user"/>; answers the status and body, or null when no answer came.</summary>
    public async Task<(int Status, string Body)?> SendAsync(HttpMethod method, string path, string user, string? body, CancellationToken ct = default)
    {
        using var request = new HttpRequestMessage(method, path);
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", _tokens[user]);
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        }

        try
        {
            using var response = await _http.SendAsync(request, ct);
            var text = await response.Content.ReadAsStringAsync(ct);
            Record(method, path, user, body, response.StatusCode, text);
            return ((int)response.StatusCode, text);
        }
        catch (HttpRequestException)
        {
            return null;
        }
        catch (TaskCanceledException) when (!ct.IsCancellationRequested)
        {
            return null;
        }
        catch (IOException)
        {
            return null;
        }
    }

    /// <summary>Re-sends an acknowledged request as it was first sent (same user, body and key), without recording it again.</summary>
    public async Task<(int Status, string Body)?> ResendAsync(Acknowledged first, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, first.Path) { Content = new StringContent(first.Body, Encoding.UTF8, "application/json") };
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", _tokens[first.User]);
        try
        {
            using var response = await _http.SendAsync(request, ct);
            return ((int)response.StatusCode, await response.Content.ReadAsStringAsync(ct));
        }
        catch (HttpRequestException)
        {
            return null;
        }
    }

    /// <summary>Records a 2xx answer to a submission or a decision (the case player calls this for its requests too).</summary>
    public void Record(HttpMethod method, string path, string user, string? body, HttpStatusCode status, string text)
    {
        if (method != HttpMethod.Post || body is null || (int)status is < 200 or > 299)
        {
            return;
        }

        if (path == "/api/cases")
        {
            var id = JsonNode.Parse(text)?["id"]?.GetValue<string>();
            Acknowledged.Add(new(Invariants.Acknowledged.Submission, id, null, string.Empty, path, user, body, (int)status, text));
        }
        else if (path.StartsWith("/api/tasks/", StringComparison.Ordinal) && path.EndsWith("/decision", StringComparison.Ordinal))
        {
            var taskId = path["/api/tasks/".Length..^"/decision".Length];
            var answer = JsonNode.Parse(text);
            var key = JsonNode.Parse(body)?["idempotencyKey"]?.GetValue<string>() ?? string.Empty;
            Acknowledged.Add(new(Invariants.Acknowledged.Decision, answer?["caseId"]?.GetValue<string>(), taskId, key, path, user, body, (int)status, text));
        }
    }

    /// <summary>A decision's request body.</summary>
    public static string Decision(string outcome, string opinion, string key) =>
        new JsonObject { ["outcome"] = outcome, ["opinion"] = opinion, ["idempotencyKey"] = key }.ToJsonString();

    public void Dispose() => _http.Dispose();
}
