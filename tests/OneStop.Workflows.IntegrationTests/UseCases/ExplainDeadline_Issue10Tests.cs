using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using NodaTime;
using OneStop.Workflows.Application;
using OneStop.Workflows.Application.Clocks;
using OneStop.Workflows.Domain.Clocks;
using OneStop.Workflows.Domain.Shared;
using OneStop.Workflows.IntegrationTests.Infrastructure;
using OneStop.Workflows.Testing;
using OneStop.Workflows.Testing.Http;

namespace OneStop.Workflows.IntegrationTests.UseCases;

/// <summary>
/// Issue 10, "why this due date": the clock derivation as a use case and as <c>GET /api/cases/{id}/clocks/derivation</c>. Its due days
/// are the clocks' due days; it is refused exactly as <see cref="GetClocks"/> is. The food licence is led by market (5 WD promised, 20 statutory).
/// </summary>
public sealed class ExplainDeadline_Issue10Tests(PostgresServerFixture postgres) : UseCaseTestBase(postgres)
{
    [Fact]
    public async Task AcceptedCase_DerivationDueDays_AreTheClocksDueDays()
    {
        Factory.Clock.Reset(CentreTime.At("2025-09-26T09:00"));
        var id = await Driver.SubmitAndAcceptAsync("clerk.market", "food-business-licence");

        var clocks = (await Run<GetClocks, Result<ClockList>>(u => u.ExecuteAsync(new(id), Clerk("market"), default))).Value!.Items;
        var derived = await Run<ExplainDeadline, Result<ClockDerivationList>>(u => u.ExecuteAsync(new(id), Clerk("market"), default));

        derived.Refusal.Should().BeNull();
        derived.Value!.Items.Select(d => (d.ClockId, d.Kind, d.TaskId, d.Start, d.Promised?.Due, d.Statutory?.Due, d.Provisional)).Should().Equal(
            clocks.Select(c => (c.Id, c.Kind, c.TaskId, c.Start, c.PromisedDue, c.StatutoryDue, c.Provisional)));
        var caseClock = derived.Value.Items.Single(d => d.Kind == nameof(ClockKind.Case));
        (caseClock.Start, caseClock.StartRule, caseClock.Promised!.Due, caseClock.Statutory!.Due).Should().Be(("2025-09-26", "AcceptanceDate", "2025-10-10", "2025-10-30"));
        caseClock.Promised.Walk.Select(w => (w.Date, w.Kind, w.Count)).Should().StartWith([("2025-09-27", "Weekend", null), ("2025-09-28", "MakeUpWorkingDay", 1)]);
        caseClock.Promised.Walk[^1].Should().Be(new ClockDerivationView.DayView("2025-10-10", "Working", 5, null, null, false));
    }

    [Fact]
    public async Task SuspensionAndExtension_AreInTheWalkAndBudget_AndStillMatchTheClocks()
    {
        Factory.Clock.Reset(CentreTime.At("2025-09-26T09:00"));
        var id = await Driver.SubmitAndAcceptAsync("clerk.market", "food-business-licence");
        Factory.Clock.Reset(CentreTime.At("2025-10-13T09:00"));
        var suspended = await Run<SuspendClock, Result<SuspensionStarted>>(u => u.ExecuteAsync(
            new(id, SuspensionType.ExpertReview, null, null, 5, "Expert review 专家评审"), Head("market"), default));
        Factory.Clock.Reset(CentreTime.At("2025-10-17T17:00"));
        (await Run<EndSuspension, Result<CaseClocks>>(u => u.ExecuteAsync(new(id, suspended.Value!.SuspensionId, new LocalDate(2025, 10, 17)), Head("market"), default)))
            .Refusal.Should().BeNull();
        (await Run<ExtendDeadline, Result<CaseClocks>>(u => u.ExecuteAsync(new(id, 10, "Second site visit"), Head("market"), default))).Refusal.Should().BeNull();

        var clock = (await Run<GetClocks, Result<ClockList>>(u => u.ExecuteAsync(new(id), Head("market"), default))).Value!.Items.Single(c => c.Kind == nameof(ClockKind.Case));
        var derived = await Run<ExplainDeadline, Result<ClockDerivationList>>(u => u.ExecuteAsync(new(id, clock.Id), Head("market"), default));

        var only = derived.Value!.Items.Should().ContainSingle().Subject;
        (only.Statutory!.BaseValue, only.Statutory.ExtensionDays, only.Statutory.Budget, only.Statutory.Due).Should().Be((20, 10, 30, clock.StatutoryDue));
        only.Statutory.Walk.Where(w => w.Kind == "Suspended").Should().HaveCount(5).And.OnlyContain(w => w.SuspensionId == suspended.Value!.SuspensionId);
        only.Promised!.Due.Should().Be(clock.PromisedDue);
    }

    [Fact]
    public async Task AnotherDepartment_GetsTheRefusalGetClocksGives_AndUnknownCaseOrClockIsNotFound()
    {
        var id = await Driver.SubmitAndAcceptAsync("clerk.market", "food-business-licence");

        var clocks = await Run<GetClocks, Result<ClockList>>(u => u.ExecuteAsync(new(id), Reviewer("police"), default));
        var derived = await Run<ExplainDeadline, Result<ClockDerivationList>>(u => u.ExecuteAsync(new(id), Reviewer("police"), default));
        var unknownCase = await Run<ExplainDeadline, Result<ClockDerivationList>>(u => u.ExecuteAsync(new(Guid.NewGuid().ToString()), Supervisor, default));
        var unknownClock = await Run<ExplainDeadline, Result<ClockDerivationList>>(u => u.ExecuteAsync(new(id, Guid.NewGuid().ToString()), Supervisor, default));
        var badClock = await Run<ExplainDeadline, Result<ClockDerivationList>>(u => u.ExecuteAsync(new(id, "not-a-clock"), Supervisor, default));

        clocks.Refusal!.Kind.Should().Be(RefusalKind.NotFound);
        derived.Refusal.Should().BeEquivalentTo(clocks.Refusal, "the derivation is visible to exactly those who see the clocks");
        derived.Value.Should().BeNull();
        (unknownCase.Refusal!.Kind, unknownClock.Refusal!.Kind, badClock.Refusal!.Kind).Should().Be((RefusalKind.NotFound, RefusalKind.NotFound, RefusalKind.Invalid));
    }

    [Fact]
    public async Task AWalkLongerThanTheCap_IsInvalid_ButTheOtherClocksCanBeAskedOneByOne()
    {
        var admin = await Driver.As("admin");
        var item = await HttpJson.GetAsync(admin, "/api/service-items/food-business-licence");
        foreach (var name in item.Select(p => p.Key).Where(k => typeof(Application.Catalogue.ServiceItemBody).GetProperty(k, System.Reflection.BindingFlags.IgnoreCase
            | System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Instance) is null).ToList())
        {
            item.Remove(name);
        }

        item["statutoryLimit"] = new JsonObject { ["value"] = 600, ["unit"] = "WorkingDays" };
        await HttpJson.ReadAsync(await admin.PutAsJsonAsync("/api/service-items/food-business-licence", item), HttpStatusCode.OK);
        var id = await Driver.SubmitAndAcceptAsync("clerk.market", "food-business-licence");

        var all = await Run<ExplainDeadline, Result<ClockDerivationList>>(u => u.ExecuteAsync(new(id), Clerk("market"), default));
        var step = (await Run<GetClocks, Result<ClockList>>(u => u.ExecuteAsync(new(id), Clerk("market"), default))).Value!.Items.First(c => c.Kind == nameof(ClockKind.Step));
        var one = await Run<ExplainDeadline, Result<ClockDerivationList>>(u => u.ExecuteAsync(new(id, step.Id), Clerk("market"), default));

        all.Refusal!.Kind.Should().Be(RefusalKind.Invalid, "600 working days walk more than 731 calendar days");
        all.Refusal.Errors!["clockId"].Single().Should().Contain($"at most {ClockDerivation.MaxWalkDays}");
        one.Value!.Items.Single().Promised!.Due.Should().Be(step.PromisedDue);
    }

    [Fact]
    public async Task Route_AnswersTheDerivation_AsYyyyMmDdStrings_And404ForAnotherDepartment()
    {
        Factory.Clock.Reset(CentreTime.At("2025-09-26T09:00"));
        var id = await Driver.SubmitAndAcceptAsync("clerk.market", "food-business-licence");

        var body = await HttpJson.GetAsync(await Driver.As("clerk.market"), $"/api/cases/{id}/clocks/derivation");
        var police = await (await Driver.As("reviewer.police")).GetAsync($"/api/cases/{id}/clocks/derivation");

        var caseClock = body["items"]!.AsArray().OfType<JsonObject>().Single(c => c["kind"]!.GetValue<string>() == "Case");
        caseClock["start"]!.GetValue<string>().Should().Be("2025-09-26");
        caseClock["statutory"]!["due"]!.GetValue<string>().Should().Be("2025-10-30");
        caseClock["statutory"]!["unit"]!.GetValue<string>().Should().Be("WorkingDays");
        var walk = caseClock["promised"]!["walk"]!.AsArray();
        (walk[1]!["date"]!.GetValue<string>(), walk[1]!["kind"]!.GetValue<string>(), walk[1]!["count"]!.GetValue<int>()).Should().Be(("2025-09-28", "MakeUpWorkingDay", 1));
        police.StatusCode.Should().Be(HttpStatusCode.NotFound);
    }
}
