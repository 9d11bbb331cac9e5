using System.Net;
using System.Net.Http.Json;
using System.Text;
using OneStop.Workflows.IntegrationTests.Infrastructure;

namespace OneStop.Workflows.IntegrationTests.Cases;

/// <summary>Bad input and wrong-state commands get a 4xx ProblemDetails and change nothing (the database is compared).</summary>
public sealed class BadInputTests(PostgresServerFixture postgres) : PostgresCaseTestBase(postgres)
{
    [Fact]
    public async Task BadOrWrongStateCommands_ChangeNothing()
    {
        var id = await Driver.SubmitAndAcceptAsync("clerk.market", "restaurant-opening");
        var reviews = await Driver.TasksAsync(id, "Review");
        var fire = reviews.Single(t => t["department"]!.GetValue<string>() == "fire");
        var decided = reviews.First(t => t["department"]!.GetValue<string>() != "fire");
        await Driver.DecideOkAsync($"reviewer.{decided["department"]}", decided["id"]!.GetValue<string>(), "Approved");
        var acceptance = (await Driver.TasksAsync(id, "Acceptance", "Decided")).Single()["id"]!.GetValue<string>();
        var clerk = await Driver.As("clerk.market");
        var fireReviewer = await Driver.As("reviewer.fire");
        var waterReviewer = await Driver.As("reviewer.water");
        var before = await DatabaseSnapshot.TakeAsync(Factory);
        var attempts = new (string What, Func<Task<HttpResponseMessage>> Call, HttpStatusCode Expected)[]
        {
            ("malformed JSON", () => fireReviewer.PostAsync($"/api/tasks/{fire["id"]}/decision", new StringContent("{ \"outcome\": ", Encoding.UTF8, "application/json")), HttpStatusCode.BadRequest),
            ("unknown outcome", () => Driver.DecideAsync("reviewer.fire", fire["id"]!.GetValue<string>(), "Maybe"), HttpStatusCode.BadRequest),
            ("review without opinion", () => Driver.DecideAsync("reviewer.fire", fire["id"]!.GetValue<string>(), "Approved", opinion: " "), HttpStatusCode.BadRequest),
            ("return without corrections", () => Driver.DecideAsync("reviewer.fire", fire["id"]!.GetValue<string>(), "ReturnedForCorrection"), HttpStatusCode.BadRequest),
            ("another department's task", () => waterReviewer.PostAsJsonAsync($"/api/tasks/{fire["id"]}/decision", new { outcome = "Approved", opinion = "x", idempotencyKey = "k-water" }), HttpStatusCode.Forbidden),
            ("wrong role for the task", () => clerk.PostAsJsonAsync($"/api/tasks/{fire["id"]}/decision", new { outcome = "Approved", opinion = "x", idempotencyKey = "k-clerk" }), HttpStatusCode.Forbidden),
            ("unknown task", () => fireReviewer.PostAsJsonAsync($"/api/tasks/{Guid.NewGuid():N}/decision", new { outcome = "Approved", opinion = "x", idempotencyKey = "k-x" }), HttpStatusCode.NotFound),
            ("deciding a decided task with another key", () => Driver.DecideAsync($"reviewer.{decided["department"]}", decided["id"]!.GetValue<string>(), "Rejected", key: "another-key"), HttpStatusCode.Conflict),
            ("deciding the closed acceptance again", () => Driver.DecideAsync("clerk.market", acceptance, "Refused", key: "late"), HttpStatusCode.Conflict),
            ("claiming another department's task", () => waterReviewer.PostAsync($"/api/tasks/{fire["id"]}/claim", null), HttpStatusCode.Forbidden),
            ("transfer to a user of another department", () => fireReviewer.PostAsJsonAsync($"/api/tasks/{fire["id"]}/transfer", new { toUser = "reviewer.water" }), HttpStatusCode.BadRequest),
            ("corrections when none were asked", () => clerk.PostAsJsonAsync($"/api/cases/{id}/corrections", new { materials = new[] { new { name = "x" } }, idempotencyKey = "c1" }), HttpStatusCode.Conflict),
            ("delivery before completion", () => clerk.PostAsJsonAsync($"/api/cases/{id}/delivery", new { status = "Delivered" }), HttpStatusCode.Conflict),
            ("submission with a bad ID number", () => clerk.PostAsJsonAsync("/api/cases", CaseDriver.Application("restaurant-opening").Also(a => a["applicant"]!["idNumber"] = "123")), HttpStatusCode.BadRequest),
            ("submission for an unknown item", () => clerk.PostAsJsonAsync("/api/cases", CaseDriver.Application("no-such-item")), HttpStatusCode.BadRequest),
            ("submission by mail without an address", () => clerk.PostAsJsonAsync("/api/cases", CaseDriver.Application("restaurant-opening", "Mail").Also(a => a.Remove("deliveryAddress"))), HttpStatusCode.BadRequest),
            ("oversized body", () => clerk.PostAsync("/api/cases", new StringContent(new string(' ', 1024 * 1024 + 1), Encoding.UTF8, "application/json")), HttpStatusCode.RequestEntityTooLarge),
        };

        foreach (var (what, call, expected) in attempts)
        {
            var response = await call();
            response.StatusCode.Should().Be(expected, what);
            response.Content.Headers.ContentType?.MediaType.Should().Be("application/problem+json", what);
        }

        (await DatabaseSnapshot.TakeAsync(Factory)).Should().Be(before, "no refused command may change anything");
    }

    [Fact]
    public async Task Decision_ReturnsFirstAnswer_WhenTheSameKeyIsRepeated()
    {
        var id = await Driver.SubmitAndAcceptAsync("clerk.market", "food-business-licence");
        var review = (await Driver.TasksAsync(id, "Review")).Single();
        var first = await CaseDriver.Json(await Driver.DecideAsync("reviewer.market", review["id"]!.GetValue<string>(), "Approved", key: "same"), HttpStatusCode.OK);
        var before = await DatabaseSnapshot.TakeAsync(Factory);

        var again = await CaseDriver.Json(await Driver.DecideAsync("reviewer.market", review["id"]!.GetValue<string>(), "Approved", key: "same"), HttpStatusCode.OK);

        again.ToJsonString().Should().Be(first.ToJsonString());
        (await DatabaseSnapshot.TakeAsync(Factory)).Should().Be(before);
    }
}

internal static class JsonObjectExtensions
{
    public static System.Text.Json.Nodes.JsonObject Also(this System.Text.Json.Nodes.JsonObject o, Action<System.Text.Json.Nodes.JsonObject> change)
    {
        change(o);
        return o;
    }
}
