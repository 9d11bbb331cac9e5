using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using OneStop.Workflows.Application.SimulatedTime;
using OneStop.Workflows.Domain.Calendar;
using OneStop.Workflows.Domain.Supervision;
using OneStop.Workflows.IntegrationTests.Infrastructure;
using OneStop.Workflows.Testing.Http;

namespace OneStop.Workflows.IntegrationTests.Supervision;

/// <summary>
/// Issue 12, scenario 4 with the simulated clock (as a demo or a training centre runs it, supervision on): the administrator
/// jumps an hour forward over a due instant — the card fires once, not before its instant — and tries an hour back, which
/// the simulated clock refuses (it never goes backwards), changing nothing and firing nothing.
/// </summary>
public sealed class SimulatedClockJumps_Issue12Tests(PostgresServerFixture postgres) : SupervisionTestBase(postgres)
{
    protected override IReadOnlyDictionary<string, string?> Settings { get; } = new Dictionary<string, string?>
    {
        ["Clock:Mode"] = "Simulated",
        ["Clock:Start"] = "2025-09-26T00:00:00+08:00",
        ["Supervision:Enabled"] = "true",
    };

    [Fact]
    public async Task AnHourForwardFiresOnce_AnHourBackIsRefused_AndChangesNothing()
    {
        (await MoveAsync(At("2025-09-26T09:00:00"))).StatusCode.Should().Be(HttpStatusCode.OK);
        var caseId = Guid.Parse(await Driver.SubmitAndAcceptAsync("clerk.market", "food-business-licence"));
        (await MoveAsync(At("2025-10-08T23:30:00"))).StatusCode.Should().Be(HttpStatusCode.OK);
        (await FiredAsync(caseId)).Should().BeEmpty("nothing is due before 10-09 00:00");

        (await MoveAsync(At("2025-10-09T00:30:00"))).StatusCode.Should().Be(HttpStatusCode.OK);
        var fired = await FiredAsync(caseId);
        fired.Should().ContainSingle("the market review's prompt fell due at 10-09 00:00").Which.Rule.Should().Be(SignalRules.StepPrompt);
        (fired[0].FiredAt >= fired[0].DueAt).Should().BeTrue("a card is never raised before its due instant");

        using var back = await MoveAsync(At("2025-10-08T23:30:00"));
        var problem = await HttpJson.ReadAsync(back, back.StatusCode);
        ((int)back.StatusCode).Should().BeInRange(400, 499);
        problem.ToJsonString().Should().Contain("never goes backwards");
        (await FiredAsync(caseId)).Should().BeEquivalentTo(fired, "a refused move raises nothing and changes nothing");
        var clock = await HttpJson.ReadAsync(await (await Driver.As("admin")).GetAsync("/api/admin/clock"), HttpStatusCode.OK);
        clock["now"]!.GetValue<string>().Should().StartWith("2025-10-09T00:3", "the clock stayed where it was");
    }

    private async Task<HttpResponseMessage> MoveAsync(Instant to)
    {
        var admin = await Driver.As("admin");
        return await admin.PostAsJsonAsync("/api/admin/clock", new JsonObject { ["now"] = ClockText.Format(to, CentreTimeZone.Default.Zone) });
    }

    private Task<List<OneStop.Workflows.Persistence.Supervision.SignalRow>> FiredAsync(Guid caseId) =>
        InDbAsync(db => db.Signals.AsNoTracking().Where(s => s.CaseId == caseId && s.FiredAt != null).ToListAsync());
}
