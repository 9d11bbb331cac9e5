using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Npgsql;
using OneStop.Workflows.Benchmarks.EndToEnd;
using OneStop.Workflows.Chaos.Invariants;

namespace OneStop.Workflows.Chaos;

/// <summary>
/// Scenario 6, a new flow version mid-flight (issue 12): N cases of <see cref="CasePlayer.ServiceItem"/> are taken into
/// review through the HTTP API (submit, accept: three reviews open each, on v1 of the flow); then their reviews are decided,
/// and once a quarter of them are, the designer reads the flow through <c>GET /api/workflow-definitions/{id}</c> and
/// publishes v2 through <c>POST /api/workflow-definitions?publish=true</c> (the fire review one working day shorter, which
/// keeps the designer checks passing); after that answer M new cases are played whole while the old ones go on being
/// decided. Checked in the database: every old case finished on v1 and
/// every new one on v2 (its instance pinned to the version it started on, the fire review's limit that version's), every
/// case completed, no instance left unresumable (faulted, running, or waiting without a bookmark) and the invariant check.
/// </summary>
internal static class NewVersionScenario
{
    private const string Flow = "construction-permit";
    private const string ChangedReview = "review-fire";
    private const string Designer = "designer";

    private sealed record OldCase(string CaseId, List<(string Id, string Department)> Reviews);

    public static async Task<int> RunAsync(string[] args, ChaosOptions options)
    {
        var oldCount = options.OldCases ?? (options.Short ? 500 : 10_000);
        var newCount = options.NewCases ?? (options.Short ? 100 : 1_000);
        var users = options.Users ?? 8;
        var clock = Stopwatch.StartNew();
        await using var run = await ChaosRun.StartAsync(options.SkipBuild);
        await run.HeaderAsync("new flow version mid-flight", args);
        run.Line($"{oldCount:N0} cases of {Flow} taken into review (submit + accept, {users} at a time), then their {3 * oldCount:N0} reviews decided ({users / 2} virtual users); after a quarter of them v2 of the flow is published through the API ({ChangedReview}: one working day shorter) and {newCount:N0} new cases are played whole ({users - (users / 2)} virtual users) while the old ones go on being decided.");
        run.Line();
        var failures = new ConcurrentQueue<string>();

        var phase = Stopwatch.StartNew();
        var old = (await ForEachAsync(oldCount, users, i => IntoReviewAsync(run.Http, i, failures))).OfType<OldCase>().ToList();
        var intoReview = phase.Elapsed;

        run.Line($"- Into review: {old.Count:N0} of {oldCount:N0} cases in {intoReview.TotalSeconds:F0} s ({old.Count / Math.Max(0.001, intoReview.TotalSeconds):F1} cases/s).");

        // The old cases' reviews are being decided when v2 is published (after a quarter of them); the new cases start
        // once the publish has answered, while the rest of the old ones are still being decided.
        phase.Restart();
        var decidedSoFar = 0;
        var quarter = new TaskCompletionSource();
        var deciding = ForEachAsync(old.Count, Math.Max(1, users / 2), async i =>
        {
            var ok = await DecideAllAsync(run.Http, old[i], failures);
            if (Interlocked.Increment(ref decidedSoFar) >= old.Count / 4)
            {
                quarter.TrySetResult();
            }

            return ok ? old[i].CaseId : null;
        });
        await Task.WhenAny(quarter.Task, deciding);
        var decidedBefore = Volatile.Read(ref decidedSoFar);
        var published = await PublishV2Async(run, failures);
        run.Line($"- v2 published while the old cases' reviews were being decided ({decidedBefore:N0} of {old.Count:N0} cases decided by then): {published.Text}");
        if (published.V2 is null)
        {
            await deciding;
            run.Line();
            run.Line($"Failures: {string.Join("; ", failures.Take(5))}");
            return 1;
        }

        var recorder = new LoadRecorder();
        var player = new CasePlayer(run.Http.Client, run.Http.Tokens) { Answered = run.Http.Record };
        var playing = ForEachAsync(newCount, Math.Max(1, users - (users / 2)), i => player.PlayAsync(recorder, $"nv-{i}", CancellationToken.None));
        var decided = (await deciding).OfType<string>().ToList();
        var played = (await playing).OfType<string>().ToList();
        var after = phase.Elapsed;
        foreach (var (error, count) in recorder.Errors)
        {
            failures.Enqueue($"new case: {error} ×{count}");
        }

        run.Line($"- Decided: {decided.Count:N0} of {old.Count:N0} old cases (all three reviews); played whole after the publish: {played.Count:N0} of {newCount:N0} new cases; {after.TotalSeconds:F0} s from the first decision; a new case p50 {recorder.Percentile("case", 50):F0} ms, p99 {recorder.Percentile("case", 99):F0} ms.");
        run.Line($"- Unexpected answers: {failures.Count}{(failures.IsEmpty ? "" : " — " + string.Join("; ", failures.Take(5)))}.");
        run.Line();

        var results = new List<InvariantResult>();
        await using (var db = new NpgsqlConnection(run.ConnectionString))
        {
            await db.OpenAsync();
            results.Add(await VersionInvariants.PinnedAsync(db, $"old cases finished on v{published.V1}", old.Select(o => o.CaseId).ToList(), Flow, published.V1, ChangedReview, published.V1Limit));
            results.Add(await VersionInvariants.PinnedAsync(db, $"new cases ran on v{published.V2}", played, Flow, published.V2.Value, ChangedReview, published.V1Limit - 1));
            results.Add(await VersionInvariants.NoneUnresumableAsync(db));
        }

        run.Line("Scenario checks:");
        run.Line();
        run.Line(InvariantResult.Header);
        results.ForEach(r => run.Line(r.Row()));
        run.Line();
        var invariants = await run.CheckInvariantsAsync();
        run.Line($"Took {clock.Elapsed.TotalSeconds:F0} s; load average at the end {ChaosRun.LoadAverage()}.");
        var allThere = old.Count == oldCount && decided.Count == old.Count && played.Count == newCount;
        return invariants && results.All(r => r.Passed) && failures.IsEmpty && allThere ? 0 : 1;
    }

    /// <summary>Runs <paramref name="work"/> for 0..count-1, <paramref name="parallel"/> at a time; answers the results in order.</summary>
    private static async Task<T?[]> ForEachAsync<T>(int count, int parallel, Func<int, Task<T?>> work)
    {
        var results = new T?[count];
        var next = -1;
        await Task.WhenAll(Enumerable.Range(0, parallel).Select(async _ =>
        {
            for (var i = Interlocked.Increment(ref next); i < count; i = Interlocked.Increment(ref next))
            {
                results[i] = await work(i);
            }
        }));
        return results;
    }

    /// <summary>Submits and accepts one case (CasePlayer's application and clerk); answers its open reviews, or null.</summary>
    private static async Task<OldCase?> IntoReviewAsync(ChaosHttp http, int number, ConcurrentQueue<string> failures)
    {
        var submitted = await http.SendAsync(HttpMethod.Post, "/api/cases", CasePlayer.Clerk, CasePlayer.Application);
        if (submitted is not { Status: 201 } s || JsonNode.Parse(s.Body)?["id"]?.GetValue<string>() is not { } caseId)
        {
            failures.Enqueue($"submit {number}: {submitted?.Status}");
            return null;
        }

        var acceptance = (await OpenTasksAsync(http, caseId, "Acceptance")).SingleOrDefault();
        if (acceptance.Id is null)
        {
            failures.Enqueue($"case {caseId}: no open acceptance");
            return null;
        }

        var accepted = await http.SendAsync(HttpMethod.Post, $"/api/tasks/{acceptance.Id}/decision", CasePlayer.Clerk,
            ChaosHttp.Decision("Accepted", "材料齐全 Materials complete", $"nv-old-{number}-accept"));
        if (accepted is not { Status: 200 })
        {
            failures.Enqueue($"accept {caseId}: {accepted?.Status}");
            return null;
        }

        var reviews = await OpenTasksAsync(http, caseId, "Review");
        if (reviews.Count != CasePlayer.Reviewers.Length)
        {
            failures.Enqueue($"case {caseId}: {reviews.Count} open reviews after the acceptance");
            return null;
        }

        return new OldCase(caseId, reviews);
    }

    /// <summary>Decides an old case's three reviews at once (approved, each with its key); answers whether all were answered 200.</summary>
    private static async Task<bool> DecideAllAsync(ChaosHttp http, OldCase c, ConcurrentQueue<string> failures)
    {
        var answers = await Task.WhenAll(c.Reviews.Select(r => http.SendAsync(HttpMethod.Post, $"/api/tasks/{r.Id}/decision", $"reviewer.{r.Department}",
            ChaosHttp.Decision("Approved", $"{r.Department} 同意（v1 审查） approved on v1", $"nv-old-{r.Id}"))));
        foreach (var wrong in answers.Where(a => a is not { Status: 200 }))
        {
            failures.Enqueue($"old case {c.CaseId}: review answered {wrong?.Status.ToString(CultureInfo.InvariantCulture) ?? "nothing"} {Shorten(wrong?.Body)}");
        }

        return answers.All(a => a is { Status: 200 });
    }

    private static async Task<List<(string Id, string Department)>> OpenTasksAsync(ChaosHttp http, string caseId, string kind)
    {
        var read = await http.SendAsync(HttpMethod.Get, $"/api/cases/{caseId}", CasePlayer.Clerk, null);
        return read is not { Status: 200 } r
            ? []
            : (JsonNode.Parse(r.Body)?["tasks"]?.AsArray() ?? []).OfType<JsonObject>()
                .Where(t => t["kind"]?.GetValue<string>() == kind && t["status"]?.GetValue<string>() == "Open")
                .Select(t => (t["id"]!.GetValue<string>(), t["department"]!.GetValue<string>())).ToList();
    }

    private sealed record Published(int? V2, int V1, int V1Limit, string Text);

    /// <summary>
    /// As the designer: reads the published flow, shortens <see cref="ChangedReview"/>'s time limit by one working day and
    /// publishes it; answers v2's number, v1's limit of that review and what happened.
    /// </summary>
    private static async Task<Published> PublishV2Async(ChaosRun run, ConcurrentQueue<string> failures)
    {
        var client = run.Http.Client;
        using var signIn = await client.PostAsJsonAsync("/api/auth/token", new { userName = Designer, password = "Demo123!" });
        var token = JsonNode.Parse(await signIn.Content.ReadAsStringAsync())?["accessToken"]?.GetValue<string>()
            ?? throw new InvalidOperationException($"Signing in as {Designer} failed: HTTP {(int)signIn.StatusCode}");

        using var read = new HttpRequestMessage(HttpMethod.Get, $"/api/workflow-definitions/{Flow}");
        read.Headers.Authorization = new("Bearer", token);
        using var current = await client.SendAsync(read);
        var definition = JsonNode.Parse(await current.Content.ReadAsStringAsync()) as JsonObject;
        var review = (definition?["root"]?["activities"]?.AsArray() ?? []).OfType<JsonObject>().FirstOrDefault(a => a["id"]?.GetValue<string>() == ChangedReview);
        var limitNode = review?["timeLimitWorkingDays"]?["expression"]?["value"];
        if (definition is null || limitNode is null || !int.TryParse(limitNode.ToString(), CultureInfo.InvariantCulture, out var v1Limit) || v1Limit < 2)
        {
            failures.Enqueue($"GET /api/workflow-definitions/{Flow}: HTTP {(int)current.StatusCode}, no {ChangedReview} limit to shorten");
            return new(null, 0, 0, "could not read v1");
        }

        var v1Version = definition["version"]?.GetValue<int>() ?? 0;
        review!["timeLimitWorkingDays"]!["expression"]!["value"] = (v1Limit - 1).ToString(CultureInfo.InvariantCulture);
        using var save = new HttpRequestMessage(HttpMethod.Post, "/api/workflow-definitions?publish=true")
        {
            Content = new StringContent(definition.ToJsonString(), Encoding.UTF8, "application/json"),
        };
        save.Headers.Authorization = new("Bearer", token);
        var watch = Stopwatch.StartNew();
        using var saved = await client.SendAsync(save);
        var body = await saved.Content.ReadAsStringAsync();
        var answer = JsonNode.Parse(body);
        var version = answer?["version"]?.GetValue<int>();
        if ((int)saved.StatusCode != 201 || answer?["isPublished"]?.GetValue<bool>() != true || version != v1Version + 1)
        {
            failures.Enqueue($"publish v2: HTTP {(int)saved.StatusCode} {Shorten(body)}");
            return new(null, v1Version, v1Limit, $"**refused**: HTTP {(int)saved.StatusCode} {Shorten(body)}");
        }

        return new(version, v1Version, v1Limit, string.Create(CultureInfo.InvariantCulture,
            $"version {version} (was {v1Version}), {ChangedReview} {v1Limit} → {v1Limit - 1} working days; HTTP 201 in {watch.Elapsed.TotalMilliseconds:F0} ms."));
    }

    private static string Shorten(string? text) => text is null ? "" : text.Length <= 160 ? text : text[..160] + "…";
}
