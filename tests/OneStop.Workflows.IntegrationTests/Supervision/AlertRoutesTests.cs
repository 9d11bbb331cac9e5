using System.Net;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using OneStop.Workflows.IntegrationTests.Cases;
using OneStop.Workflows.IntegrationTests.Infrastructure;
using OneStop.Workflows.Testing.Http;

namespace OneStop.Workflows.IntegrationTests.Supervision;

/// <summary><c>GET /api/supervision/alerts?scope=mine</c> and <c>POST /api/supervision/alerts/{id}/acknowledge</c>.</summary>
public sealed class AlertRoutesTests(PostgresServerFixture postgres) : SupervisionTestBase(postgres)
{
    [Fact]
    public async Task Alerts_ListMine_UnacknowledgedFirst_AndAcknowledgeIsIdempotent_OnlyForTheRecipient()
    {
        SetClock("2025-09-26T09:00:00");
        var id = await Driver.SubmitAndAcceptAsync("clerk.market", "food-business-licence");
        var number = (await Driver.CaseAsync(id))["number"]!.GetValue<string>();
        SetClock("2025-10-14T00:00:00");
        await SweepAsync();

        var mine = await GetAsync("head.market", "/api/supervision/alerts?scope=mine");
        mine["totalCount"]!.GetValue<int>().Should().Be(3);
        mine["unacknowledgedCount"]!.GetValue<int>().Should().Be(3);
        var items = mine["items"]!.AsArray().OfType<JsonObject>().ToList();
        items.Select(a => a["rule"]!.GetValue<string>()).Should().BeEquivalentTo(["case.promise.yellow", "case.red", "step.yellow"]);
        items.Should().OnlyContain(a => a["caseNumber"]!.GetValue<string>() == number && a["caseId"]!.GetValue<string>() == id && a["acknowledgedAt"] == null);

        var red = items.Single(a => a["rule"]!.GetValue<string>() == "case.red");
        var alertId = red["id"]!.GetValue<string>();
        var head = await Driver.As("head.market");
        var first = await HttpJson.ReadAsync(await head.PostAsync($"/api/supervision/alerts/{alertId}/acknowledge", null), HttpStatusCode.OK);
        first["acknowledgedAt"]!.GetValue<string>().Should().Be("2025-10-13T16:00:00Z");
        first["acknowledgedBy"]!.GetValue<string>().Should().Be("head.market");

        Factory.Clock.AdvanceHours(2);
        var again = await HttpJson.ReadAsync(await head.PostAsync($"/api/supervision/alerts/{alertId}/acknowledge", null), HttpStatusCode.OK);
        again["acknowledgedAt"]!.GetValue<string>().Should().Be("2025-10-13T16:00:00Z", "acknowledging twice answers the first acknowledgement");

        var supervisor = await Driver.As("supervisor");
        (await supervisor.PostAsync($"/api/supervision/alerts/{alertId}/acknowledge", null)).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await head.PostAsync($"/api/supervision/alerts/{Guid.NewGuid()}/acknowledge", null)).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await head.PostAsync("/api/supervision/alerts/not-an-id/acknowledge", null)).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await Factory.CreateClient().PostAsync($"/api/supervision/alerts/{alertId}/acknowledge", null)).StatusCode.Should().Be(HttpStatusCode.Unauthorized);

        var after = await GetAsync("head.market", "/api/supervision/alerts");
        after["unacknowledgedCount"]!.GetValue<int>().Should().Be(2);
        var order = after["items"]!.AsArray().OfType<JsonObject>().ToList();
        order.Last()["id"]!.GetValue<string>().Should().Be(alertId, "acknowledged alerts come after the unacknowledged ones");
        order.Take(2).Should().OnlyContain(a => a["acknowledgedAt"] == null);

        var audited = await InDbAsync(db => db.AuditEvents.CountAsync(e => e.Action == "AlertAcknowledged" && e.Subject == alertId));
        audited.Should().Be(1);

        var clerk = await GetAsync("clerk.market", "/api/supervision/alerts?scope=mine");
        clerk["items"]!.AsArray().Select(a => a!["rule"]!.GetValue<string>()).Should().Equal("case.promise.prompt");
        var paged = await GetAsync("supervisor", "/api/supervision/alerts?page=1&pageSize=2");
        paged["totalCount"]!.GetValue<int>().Should().Be(3);
        paged["pageNumber"]!.GetValue<int>().Should().Be(1);
        paged["items"]!.AsArray().Should().HaveCount(1);
        (await GetAsync("designer", "/api/supervision/alerts"))["totalCount"]!.GetValue<int>().Should().Be(0);
        await GetAsync("head.market", "/api/supervision/alerts?scope=all", HttpStatusCode.BadRequest);
        await GetAsync("head.market", "/api/supervision/alerts?pageSize=0", HttpStatusCode.BadRequest);
        (await Factory.CreateClient().GetAsync("/api/supervision/alerts")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }
}
