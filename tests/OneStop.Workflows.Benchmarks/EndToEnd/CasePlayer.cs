using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace OneStop.Workflows.Benchmarks.EndToEnd;

/// <summary>
/// Plays one construction-permit case (建筑工程施工许可: housing window, parallel reviews by housing, fire and air defence)
/// through the HTTP API as the demo staff: submit → read → accept → read → three review decisions at once. The last
/// decision completes the case (the load checks in the database afterwards that every played case is completed).
/// </summary>
/// <param name="beforeRequest">Called with a label before each request (the trace marks the database log with it); the
/// reviews then run one after another, so each request's statements can be told apart.</param>
internal sealed class CasePlayer(HttpClient http, IReadOnlyDictionary<string, string> tokens, Func<string, Task>? beforeRequest = null)
{
    public const string ServiceItem = "construction-permit";
    public const string Clerk = "clerk.housing";
    public static readonly string[] Reviewers = ["reviewer.housing", "reviewer.fire", "reviewer.airdefence"];

    public static IEnumerable<string> Users => [Clerk, .. Reviewers];

    /// <summary>The application every played case submits (JSON); the chaos suite (issue 12) submits it too.</summary>
    internal static readonly string Application = new JsonObject
    {
        ["serviceItem"] = ServiceItem,
        ["applicant"] = new JsonObject { ["name"] = "王五 Wang Wu", ["idNumber"] = "11010519491231002X", ["phone"] = "13800138000" },
        ["form"] = new JsonObject { ["project"] = "Load test building 压测楼", ["floorArea"] = 12000 },
        ["materials"] = new JsonArray(
            new JsonObject { ["name"] = "Construction permit application form 建筑工程施工许可证申请表" },
            new JsonObject { ["name"] = "Construction project planning permit 建设工程规划许可证" },
            new JsonObject { ["name"] = "Construction contract 施工合同" },
            new JsonObject { ["name"] = "Fire protection design documents 消防设计文件" }),
        ["deliveryMethod"] = "Pickup",
    }.ToJsonString();

    /// <summary>
    /// Told of every answer the server gave (method, path, user, request body, status, response text); the chaos suite
    /// (issue 12) records the acknowledged ones with it. Null (the load's default) records nothing.
    /// </summary>
    public Action<HttpMethod, string, string, string?, HttpStatusCode, string>? Answered { get; init; }

    /// <summary>Plays one case; answers its id, or null when a call failed (counted in <paramref name="recorder"/>).</summary>
    public async Task<string?> PlayAsync(LoadRecorder recorder, string runKey, CancellationToken ct)
    {
        var whole = Stopwatch.StartNew();
        await MarkAsync("submit");
        var submitted = await SendAsync(recorder, HttpMethod.Post, "/api/cases", Clerk, Application, HttpStatusCode.Created, "submit", ct);
        if (submitted?["id"]?.GetValue<string>() is not { } caseId)
        {
            return null;
        }

        await MarkAsync("read after submit");
        var afterSubmit = await SendAsync(recorder, HttpMethod.Get, $"/api/cases/{caseId}", Clerk, null, HttpStatusCode.OK, "read", ct);
        var acceptance = OpenTasks(afterSubmit, "Acceptance").ToList();
        if (acceptance.Count != 1)
        {
            recorder.Error("read: no open acceptance task");
            return null;
        }

        await MarkAsync("accept");
        if (await DecideAsync(recorder, Clerk, acceptance[0].Id, "Accepted", $"{runKey}-{caseId}-accept", "accept", ct) is null)
        {
            return null;
        }

        await MarkAsync("read after accept");
        var afterAccept = await SendAsync(recorder, HttpMethod.Get, $"/api/cases/{caseId}", Clerk, null, HttpStatusCode.OK, "read", ct);
        var reviews = OpenTasks(afterAccept, "Review").ToList();
        if (reviews.Count != Reviewers.Length)
        {
            recorder.Error($"read: {reviews.Count} open reviews, expected {Reviewers.Length}");
            return null;
        }

        var decisions = beforeRequest is null
            ? await Task.WhenAll(reviews.Select(r =>
                DecideAsync(recorder, $"reviewer.{r.Department}", r.Id, "Approved", $"{runKey}-{r.Id}", "review", ct)))
            : await DecideOneByOneAsync(recorder, reviews, runKey, ct);
        if (decisions.Any(d => d is null))
        {
            return null;
        }

        recorder.Record("case", whole.Elapsed);
        return caseId;
    }

    private async Task<JsonObject?[]> DecideOneByOneAsync(LoadRecorder recorder, List<(string Id, string Department)> reviews, string runKey, CancellationToken ct)
    {
        var answers = new List<JsonObject?>();
        for (var i = 0; i < reviews.Count; i++)
        {
            await MarkAsync(i == reviews.Count - 1 ? "last review (completes)" : $"review {i + 1}");
            answers.Add(await DecideAsync(recorder, $"reviewer.{reviews[i].Department}", reviews[i].Id, "Approved", $"{runKey}-{reviews[i].Id}", "review", ct));
        }

        return [.. answers];
    }

    private Task MarkAsync(string label) => beforeRequest?.Invoke(label) ?? Task.CompletedTask;

    private Task<JsonObject?> DecideAsync(LoadRecorder recorder, string user, string taskId, string outcome, string key, string metric, CancellationToken ct) =>
        SendAsync(recorder, HttpMethod.Post, $"/api/tasks/{taskId}/decision", user,
            new JsonObject { ["outcome"] = outcome, ["opinion"] = "符合条件 Conditions met", ["idempotencyKey"] = key }.ToJsonString(),
            HttpStatusCode.OK, metric, ct);

    private static IEnumerable<(string Id, string Department)> OpenTasks(JsonObject? caseView, string kind) =>
        (caseView?["tasks"]?.AsArray() ?? []).OfType<JsonObject>()
            .Where(t => t["kind"]?.GetValue<string>() == kind && t["status"]?.GetValue<string>() == "Open")
            .Select(t => (t["id"]!.GetValue<string>(), t["department"]!.GetValue<string>()));

    private async Task<JsonObject?> SendAsync(
        LoadRecorder recorder, HttpMethod method, string path, string user, string? body, HttpStatusCode expected, string metric, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(method, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", tokens[user]);
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        }

        var watch = Stopwatch.StartNew();
        try
        {
            using var response = await http.SendAsync(request, ct);
            var text = await response.Content.ReadAsStringAsync(ct);
            watch.Stop();
            Answered?.Invoke(method, path, user, body, response.StatusCode, text);
            if (response.StatusCode != expected)
            {
                recorder.Error($"{metric}: HTTP {(int)response.StatusCode} {Shorten(text)}");
                return null;
            }

            recorder.Record(metric, watch.Elapsed);
            return JsonNode.Parse(text) as JsonObject;
        }
        catch (HttpRequestException ex)
        {
            recorder.Error($"{metric}: {ex.Message}");
            return null;
        }
        catch (TaskCanceledException) when (!ct.IsCancellationRequested)
        {
            recorder.Error($"{metric}: timed out");
            return null;
        }
    }

    private static string Shorten(string text) => text.Length <= 200 ? text : text[..200] + "…";
}
