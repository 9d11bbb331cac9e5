using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using OneStop.Workflows.IntegrationTests.Api;

namespace OneStop.Workflows.IntegrationTests.Cases;

/// <summary>Drives cases through the public HTTP API as the demo users (one signed-in client per user).</summary>
public sealed class CaseDriver(OneStopApiFactory factory) : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, Lazy<Task<HttpClient>>> _clients = new();
    private int _keys;

    public OneStopApiFactory Factory => factory;

    public Task<HttpClient> As(string userName) =>
        _clients.GetOrAdd(userName, name => new Lazy<Task<HttpClient>>(() => factory.CreateClientAsAsync(name))).Value;

    public string NewKey() => $"key-{Interlocked.Increment(ref _keys)}-{Guid.NewGuid():N}";

    public static JsonObject Application(string item, string delivery = "Pickup") => new()
    {
        ["serviceItem"] = item,
        ["applicant"] = new JsonObject { ["name"] = "张三 Zhang San", ["idNumber"] = "11010519491231002X", ["phone"] = "13800138000" },
        ["form"] = new JsonObject { ["businessName"] = "Test Co." },
        ["materials"] = new JsonArray(new JsonObject { ["name"] = "Application form 申请书", ["provided"] = true }),
        ["deliveryMethod"] = delivery,
        ["deliveryAddress"] = delivery == "Mail" ? "1 Test Road" : null,
    };

    /// <summary>Submits as <paramref name="clerk"/>; answers (id, number, password).</summary>
    public async Task<(string Id, string Number, string Password)> SubmitAsync(string clerk, string item, string delivery = "Pickup")
    {
        var response = await (await As(clerk)).PostAsJsonAsync("/api/cases", Application(item, delivery));
        var body = await Json(response, HttpStatusCode.Created);
        return (body["id"]!.GetValue<string>(), body["number"]!.GetValue<string>(), body["queryPassword"]!.GetValue<string>());
    }

    public async Task<JsonObject> CaseAsync(string caseId, string user = "supervisor") =>
        await Json(await (await As(user)).GetAsync($"/api/cases/{caseId}"), HttpStatusCode.OK);

    /// <summary>The case's tasks (from the supervisor's full view) of a kind and status.</summary>
    public async Task<List<JsonObject>> TasksAsync(string caseId, string kind, string status = "Open") =>
        (await CaseAsync(caseId))["tasks"]!.AsArray().OfType<JsonObject>()
            .Where(t => t["kind"]!.GetValue<string>() == kind && t["status"]!.GetValue<string>() == status).ToList();

    public async Task<HttpResponseMessage> DecideAsync(string user, string taskId, string outcome, string? opinion = "OK 同意", JsonArray? corrections = null, string? key = null) =>
        await (await As(user)).PostAsJsonAsync($"/api/tasks/{taskId}/decision", new JsonObject
        {
            ["outcome"] = outcome,
            ["opinion"] = opinion,
            ["corrections"] = corrections,
            ["idempotencyKey"] = key ?? NewKey(),
        });

    public async Task<JsonObject> DecideOkAsync(string user, string taskId, string outcome, string? opinion = "OK 同意", JsonArray? corrections = null) =>
        await Json(await DecideAsync(user, taskId, outcome, opinion, corrections), HttpStatusCode.OK);

    /// <summary>Submits as the lead window's clerk and accepts; answers the case id.</summary>
    public async Task<string> SubmitAndAcceptAsync(string clerk, string item)
    {
        var (id, _, _) = await SubmitAsync(clerk, item);
        var acceptance = (await TasksAsync(id, "Acceptance")).Single();
        await DecideOkAsync(clerk, acceptance["id"]!.GetValue<string>(), "Accepted", "Materials complete 材料齐全");
        return id;
    }

    public static JsonArray Corrections(params (string Material, string Problem)[] items) =>
        new(items.Select(i => (JsonNode)new JsonObject { ["material"] = i.Material, ["problem"] = i.Problem }).ToArray());

    /// <summary>The applicant's progress query (anonymous): POST /api/public/case-progress with the number and password in the body.</summary>
    public static Task<HttpResponseMessage> QueryProgressAsync(HttpClient anonymous, string number, string password) =>
        anonymous.PostAsJsonAsync("/api/public/case-progress", new { number, password });

    /// <summary>The body of a response of the expected status (see <see cref="Testing.Http.HttpJson.ReadAsync"/>).</summary>
    public static Task<JsonObject> Json(HttpResponseMessage response, HttpStatusCode expected) => Testing.Http.HttpJson.ReadAsync(response, expected);

    public async ValueTask DisposeAsync()
    {
        foreach (var client in _clients.Values.Where(c => c.IsValueCreated))
        {
            (await client.Value).Dispose();
        }
    }
}
