using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using OneStop.Workflows.IntegrationTests.Cases;
using OneStop.Workflows.IntegrationTests.Infrastructure;

namespace OneStop.Workflows.IntegrationTests.Authorization;

/// <summary>
/// The runtime's raw resume route (Design policy: designers, administrators) must not drive an applicant's case: case bookmarks
/// are decided only through /api/tasks/{id}/decision (department and role checks, the signed-in user as actor) and
/// /api/cases/{id}/corrections.
/// </summary>
public sealed class RawRuntimeRouteTests(PostgresServerFixture postgres) : PostgresCaseTestBase(postgres)
{
    [Theory]
    [InlineData("designer")]
    [InlineData("admin")]
    public async Task RawResume_CannotDecideAnotherDepartmentsReview(string user)
    {
        var id = await Driver.SubmitAndAcceptAsync("clerk.market", "restaurant-opening");
        var (instance, bookmark) = await BookmarkAsync(id, "review-fire");

        var response = await (await Driver.As(user)).PostAsJsonAsync($"/api/workflow-instances/{instance}/bookmarks/{bookmark}/resume",
            new { idempotencyKey = $"raw-{user}", input = new { outcome = "Approved", opinion = "approved outside the inbox", actor = "reviewer.fire" } });

        var fire = (await Driver.CaseAsync(id))["tasks"]!.AsArray().OfType<JsonObject>().Single(t => t["department"]!.GetValue<string>() == "fire");
        fire["status"]!.GetValue<string>().Should().Be("Open", $"{user} is not a fire reviewer; the raw route answered {(int)response.StatusCode}");
        response.StatusCode.Should().BeOneOf([HttpStatusCode.Forbidden, HttpStatusCode.NotFound, HttpStatusCode.Conflict],
            "a case's bookmark is not resumed through the raw runtime route");
    }

    [Fact]
    public async Task RawResume_CannotAcceptACase()
    {
        var (id, _, _) = await Driver.SubmitAsync("clerk.market", "food-business-licence");
        var (instance, bookmark) = await BookmarkAsync(id, "acceptance");

        var response = await (await Driver.As("designer")).PostAsJsonAsync($"/api/workflow-instances/{instance}/bookmarks/{bookmark}/resume",
            new { idempotencyKey = "raw-accept", input = new { outcome = "Accepted", opinion = "accepted outside the inbox", actor = "clerk.market" } });

        (await Driver.CaseAsync(id))["status"]!.GetValue<string>().Should().Be("Received", $"the designer is no window clerk; the raw route answered {(int)response.StatusCode}");
        response.StatusCode.Should().BeOneOf([HttpStatusCode.Forbidden, HttpStatusCode.NotFound, HttpStatusCode.Conflict]);
    }

    /// <summary>The case's instance and the open bookmark of an activity, as the administrator reads them.</summary>
    private async Task<(string Instance, string Bookmark)> BookmarkAsync(string caseId, string activityId)
    {
        var instance = (await Driver.CaseAsync(caseId))["instanceId"]!.GetValue<string>();
        var view = await CaseDriver.Json(await (await Driver.As("admin")).GetAsync($"/api/workflow-instances/{instance}"), HttpStatusCode.OK);
        var bookmark = view["bookmarks"]!.AsArray().OfType<JsonObject>().Single(b => b["activityId"]!.GetValue<string>() == activityId);
        return (instance, bookmark["id"]!.GetValue<string>());
    }
}
