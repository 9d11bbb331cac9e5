using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using OneStop.Workflows.Domain.Clocks;
using OneStop.Workflows.IntegrationTests.Infrastructure;
using OneStop.Workflows.Server.Features.Supervision;

namespace OneStop.Workflows.IntegrationTests.Supervision;

/// <summary>
/// Issue 8 finding 19: deemed acceptance and deemed consent are listed by <c>GET /api/supervision/signals?level=Action</c>
/// like every other signal (case, rule, department, instants), and their rows carry no sentinel clock id.
/// </summary>
public sealed class DeemedActionSignals_Issue8Tests(PostgresServerFixture postgres) : SupervisionTestBase(postgres)
{
    [Fact]
    public async Task ActionSignals_AreListed_WithCaseRuleDepartmentAndInstants_AndNoSentinelClock()
    {
        SetClock("2025-09-26T09:00:00");
        var (received, receivedNumber, _) = await Driver.SubmitAsync("clerk.market", "food-business-licence");
        var project = await Driver.SubmitAndAcceptAsync("clerk.drc", "investment-project-approval");
        var industry = (await Driver.TasksAsync(project, "Review")).Single(t => t["department"]!.GetValue<string>() == "industry");
        var industryTask = industry["id"]!.GetValue<string>();

        // 2025-10-14 00:00: the food licence's 5 WD for acceptance and industry's 7 WD for an opinion are over.
        SetClock("2025-10-14T00:00:00");
        await Factory.Services.GetRequiredService<SupervisionSweep>().RunAsync(CancellationToken.None);

        var listed = await GetAsync("supervisor", "/api/supervision/signals?level=Action");
        var items = listed["items"]!.AsArray().OfType<JsonObject>().ToList();
        var acceptance = items.Should().ContainSingle(s => s["rule"]!.GetValue<string>() == SignalRules.DeemedAcceptance).Subject;
        acceptance["caseId"]!.GetValue<string>().Should().Be(received);
        acceptance["caseNumber"]!.GetValue<string>().Should().Be(receivedNumber);
        acceptance["serviceItem"]!.GetValue<string>().Should().Be("food-business-licence");
        acceptance["department"]!.GetValue<string>().Should().Be("market", "a case signal counts for the lead department");
        acceptance["subjectKind"]!.GetValue<string>().Should().Be("Case");
        acceptance["level"]!.GetValue<string>().Should().Be("Action");
        acceptance["dueAt"]!.GetValue<string>().Should().Be("2025-10-10T16:00:00Z", "the end of the fifth working day, 2025-10-10");
        acceptance["firedAt"]!.GetValue<string>().Should().Be("2025-10-13T16:00:00Z", "fired by the sweep at 2025-10-14 00:00");

        var consent = items.Should().ContainSingle(s => s["rule"]!.GetValue<string>() == SignalRules.DeemedConsent).Subject;
        consent["caseId"]!.GetValue<string>().Should().Be(project);
        consent["department"]!.GetValue<string>().Should().Be("industry", "a step signal counts for the review's department");
        consent["subjectKind"]!.GetValue<string>().Should().Be("Step");
        consent["subjectId"]!.GetValue<string>().Should().Be(industryTask);
        consent["dueAt"]!.GetValue<string>().Should().Be("2025-10-13T16:00:00Z", "the end of the seventh working day, 2025-10-13");
        listed["totalCount"]!.GetValue<int>().Should().Be(items.Count);
        items.Should().OnlyContain(s => s["level"]!.GetValue<string>() == "Action");

        (await GetAsync("supervisor", "/api/supervision/signals?level=Action&department=industry"))["totalCount"]!.GetValue<int>().Should().Be(1);

        // No sentinel ids: the deemed consent belongs to its review's step clock; the deemed acceptance has none.
        var rows = (await SignalsAsync(received)).Concat(await SignalsAsync(project)).Where(s => s.Level == SignalLevel.Action).ToList();
        rows.Should().NotContain(s => s.ClockId == new ClockId(Guid.Empty));
        rows.Single(s => s.Rule == SignalRules.DeemedAcceptance).ClockId.Should().BeNull();
        var stepClock = await InDbAsync(db => Task.FromResult(db.Clocks.Single(c => c.TaskId == new Domain.Cases.TaskId(Guid.Parse(industryTask))).Id));
        rows.Single(s => s.Rule == SignalRules.DeemedConsent).ClockId.Should().Be(stepClock);
    }
}
