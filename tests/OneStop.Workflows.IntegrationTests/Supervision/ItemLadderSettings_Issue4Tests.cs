using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using OneStop.Workflows.Domain.Audit;
using OneStop.Workflows.Domain.Clocks;
using OneStop.Workflows.IntegrationTests.Cases;
using OneStop.Workflows.IntegrationTests.Infrastructure;
using OneStop.Workflows.Persistence.Supervision;
using OneStop.Workflows.Server.Features.Catalogue;
using OneStop.Workflows.Testing.Http;

namespace OneStop.Workflows.IntegrationTests.Supervision;

/// <summary>
/// Issue 4: a service item's <c>supervision</c> block (ladder settings over the centre's defaults). Changing it through the
/// catalogue API re-plans the pending signals of the item's running cases; fired signals never change. Food business
/// licence accepted Fri 2025-09-26: promised due 10-10, statutory 10-30, the market review due 10-09.
/// </summary>
public sealed class ItemLadderSettings_Issue4Tests(PostgresServerFixture postgres) : SupervisionTestBase(postgres)
{
    private const string Food = "food-business-licence";

    [Fact]
    public async Task ChangingAnItemsSupervision_MovesItsRunningCasesPendingSignals_AndLeavesFiredOnes()
    {
        SetClock("2025-09-26T09:00:00");
        ShouldBe((await PutItemAsync(Food, item => item["supervision"] = new JsonObject { ["promptAtHalfBudget"] = true }))["effectiveSupervision"],
            Effective(1, true, 2, true));
        var food = await Driver.SubmitAndAcceptAsync("clerk.market", Food);
        var other = await Driver.SubmitAndAcceptAsync("clerk.market", "restaurant-opening");
        var otherBefore = await PlanAsync(other);

        (await PlanAsync(food)).Should().Equal(
            (ClockKind.Case, SignalRules.CaseHalf, At("2025-10-01T00:00:00"), null),  // 3 of 5 WD counted by the end of 09-30
            (ClockKind.Step, SignalRules.StepPrompt, At("2025-10-09T00:00:00"), null),
            (ClockKind.Case, SignalRules.CasePrompt, At("2025-10-10T00:00:00"), null),
            (ClockKind.Step, SignalRules.StepYellow, At("2025-10-10T00:00:00"), null),
            (ClockKind.Case, SignalRules.CaseYellow, At("2025-10-11T00:00:00"), null),
            (ClockKind.Case, SignalRules.CaseRed, At("2025-10-14T00:00:00"), null));

        SetClock("2025-10-01T00:00:00");
        await SweepAsync();
        SetClock("2025-10-01T10:00:00");
        var updated = await PutItemAsync(Food, item => item["supervision"] = new JsonObject
        {
            ["promptAtHalfBudget"] = false,
            ["promptLeadWorkingDays"] = 2,
            ["supervisedHandlingWorkingDays"] = 3,
            ["stepPrompts"] = false,
        });

        ShouldBe(updated["effectiveSupervision"], Effective(2, false, 3, false));
        (await PlanAsync(food)).Should().Equal(
            (ClockKind.Case, SignalRules.CaseHalf, At("2025-10-01T00:00:00"), At("2025-10-01T00:00:00")), // fired: stays although now off
            (ClockKind.Case, SignalRules.CasePrompt, At("2025-10-09T00:00:00"), null),                    // two working days before 10-10
            (ClockKind.Step, SignalRules.StepYellow, At("2025-10-10T00:00:00"), null),                    // the step prompt is withdrawn
            (ClockKind.Case, SignalRules.CaseYellow, At("2025-10-11T00:00:00"), null),
            (ClockKind.Case, SignalRules.CaseRed, At("2025-10-15T00:00:00"), null));                      // 10-10 + 3 WD = 10-14
        var signals = await SignalsAsync(food);
        signals.Single(s => s.Rule == SignalRules.CaseRed).Basis.Should().Be("Red card: still open at the supervised-handling deadline 2025-10-14.");
        signals.Single(s => s.Rule == SignalRules.CaseHalf).Basis.Should().Be(
            "Half the promised limit is used: 3 of 5 working days counted by the end of 2025-09-30 (promised due 2025-10-10).");
        (await PlanAsync(other)).Should().Equal(otherBefore, "another item's cases keep their plan");

        var audit = await InDbAsync(db => db.AuditEvents.AsNoTracking().Where(e => e.Action == AuditActions.ServiceItemUpdated).OrderBy(e => e.At).ToListAsync());
        audit.Should().HaveCount(2);
        var details = JsonNode.Parse(audit[1].Details!)!;
        details["changed"]!.AsArray().Select(c => c!.GetValue<string>()).Should().Equal("supervision");
        details["replannedClocks"]!.GetValue<int>().Should().Be(2, "the case clock and the market review's step clock");
        audit[1].At.Should().Be(At("2025-10-01T10:00:00"));
        audit[1].Actor.Should().Be("admin");

        SetClock("2025-10-09T00:00:00");
        (await SweepAsync()).Should().Be(1, "only the moved prompt is due");
        (await SignalsAsync(food)).Single(s => s.Rule == SignalRules.CasePrompt).FiredAt.Should().Be(At("2025-10-09T00:00:00"));
    }

    [Fact]
    public async Task ItemGet_ShowsTheBlockAsStored_AndTheEffectiveSettings_OverTheCentresDefaults()
    {
        await RestartWithAsync(new Dictionary<string, string?>
        {
            ["Supervision:Ladder:SupervisedHandlingWorkingDays"] = "3",
            ["Supervision:Ladder:PromptAtHalfBudget"] = "true",
        });
        SetClock("2025-09-26T09:00:00");

        var item = await GetAsync("clerk.market", $"/api/service-items/{Food}");
        item["supervision"].Should().BeNull();
        ShouldBe(item["effectiveSupervision"], Effective(1, true, 3, true));
        var food = await Driver.SubmitAndAcceptAsync("clerk.market", Food);
        (await PlanAsync(food)).Where(p => p.Kind == ClockKind.Case).Select(p => (p.Rule, p.DueAt)).Should().Equal(
            (SignalRules.CaseHalf, At("2025-10-01T00:00:00")),
            (SignalRules.CasePrompt, At("2025-10-10T00:00:00")),
            (SignalRules.CaseYellow, At("2025-10-11T00:00:00")),
            (SignalRules.CaseRed, At("2025-10-15T00:00:00")));

        var overridden = await PutItemAsync(Food, i => i["supervision"] = new JsonObject { ["supervisedHandlingWorkingDays"] = 2 });

        ShouldBe(overridden["supervision"], JsonNode.Parse("""{"supervisedHandlingWorkingDays":2}""")!); // as stored; unset values are left out
        ShouldBe(overridden["effectiveSupervision"], Effective(1, true, 2, true));
        JsonNode.DeepEquals(await GetAsync("clerk.market", $"/api/service-items/{Food}"), overridden).Should().BeTrue();
        (await SignalsAsync(food)).Single(s => s.Rule == SignalRules.CaseRed).DueAt.Should().Be(At("2025-10-14T00:00:00"));

        var cleared = await PutItemAsync(Food, i => i["supervision"] = new JsonObject());
        cleared["supervision"].Should().BeNull("a block setting nothing is no block");
        (await SignalsAsync(food)).Single(s => s.Rule == SignalRules.CaseRed).DueAt.Should().Be(At("2025-10-15T00:00:00"));
    }

    [Fact]
    public async Task ItemSupervision_WithAbsurdValues_Returns400NamingEachField_AndChangesNothing()
    {
        var admin = await Driver.As("admin");
        var body = await GetAsync("admin", $"/api/service-items/{Food}");
        body["supervision"] = new JsonObject { ["promptLeadWorkingDays"] = -1, ["supervisedHandlingWorkingDays"] = 365, ["stepPrompts"] = false };

        var problem = await HttpJson.ReadAsync(await admin.PutAsJsonAsync($"/api/service-items/{Food}", body), HttpStatusCode.BadRequest);

        problem["errors"]!.AsObject().Select(e => e.Key).Should().BeEquivalentTo("supervision.promptLeadWorkingDays", "supervision.supervisedHandlingWorkingDays");
        body["supervision"] = new JsonObject { ["promptAtHalfBudget"] = "yes" };
        (await HttpJson.ReadAsync(await admin.PutAsJsonAsync($"/api/service-items/{Food}", body), HttpStatusCode.BadRequest))["errors"]!.AsObject()
            .Select(e => e.Key).Should().Equal("supervision.promptAtHalfBudget");
        body["code"] = "food-licence-2";
        body["supervision"] = new JsonObject { ["promptLeadWorkingDays"] = 0 };
        (await HttpJson.ReadAsync(await admin.PostAsJsonAsync("/api/service-items", body), HttpStatusCode.BadRequest))["errors"]!.AsObject()
            .Select(e => e.Key).Should().Equal("supervision.promptLeadWorkingDays");

        var item = await GetAsync("admin", $"/api/service-items/{Food}");
        item["version"]!.GetValue<long>().Should().Be(0);
        item["supervision"].Should().BeNull();
    }

    private async Task<JsonObject> PutItemAsync(string code, Action<JsonObject> edit)
    {
        var body = await GetAsync("admin", $"/api/service-items/{code}");
        edit(body);
        return await HttpJson.ReadAsync(await (await Driver.As("admin")).PutAsJsonAsync($"/api/service-items/{code}", body), HttpStatusCode.OK);
    }

    /// <summary>The case's signals as (clock kind, rule, due, fired), by due instant then rule.</summary>
    private async Task<List<(ClockKind Kind, string Rule, Instant DueAt, Instant? FiredAt)>> PlanAsync(string caseId) =>
        (await SignalsAsync(caseId)).Where(s => s.Level != SignalLevel.Action).Select(s => (s.SubjectKind, s.Rule, s.DueAt, s.FiredAt)).ToList();

    private static void ShouldBe(JsonNode? actual, JsonNode expected) =>
        JsonNode.DeepEquals(actual, expected).Should().BeTrue("{0} should be {1}", actual?.ToJsonString() ?? "null", expected.ToJsonString());

    private static JsonNode Effective(int lead, bool half, int supervised, bool stepPrompts) => new JsonObject
    {
        ["promptLeadWorkingDays"] = lead,
        ["promptAtHalfBudget"] = half,
        ["supervisedHandlingWorkingDays"] = supervised,
        ["stepPrompts"] = stepPrompts,
    };
}
