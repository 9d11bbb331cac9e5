using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using NodaTime.Text;
using OneStop.Workflows.Application.SimulatedTime;
using OneStop.Workflows.Domain.Calendar;
using OneStop.Workflows.Domain.Clocks;
using OneStop.Workflows.IntegrationTests.Cases;
using OneStop.Workflows.IntegrationTests.Infrastructure;
using OneStop.Workflows.Persistence.Supervision;
using OneStop.Workflows.Server.Features.SimulatedTime;
using OneStop.Workflows.Testing.Http;

namespace OneStop.Workflows.IntegrationTests.Supervision;

/// <summary>
/// Issue 4, acceptance line 3, as a demo would run it: PostgreSQL, <c>Clock:Mode=Simulated</c> and supervision on as in
/// production (Hangfire, and the sweep that <c>POST /api/admin/clock</c> runs before it answers); the administrator moves
/// the clock and the signals and alerts are read back through the API. The food business licence accepted on 2025-09-26
/// (promised 5 WD → due 10-10, statutory 20 WD → 10-30) is prompted at 10-10 00:00, yellow at 10-11 00:00 and red at
/// 10-14 00:00 (+08:00), once each; completed on 10-09 it raises no case signal.
/// </summary>
/// <remarks>
/// The simulated clock runs at the real pace from where it was set, and the recurring sweep may run every 30 s, so
/// "just before" an instant is a minute before it (room for a slow machine), and a signal's fired-at is bracketed by the
/// instant the clock was set to and the time the clock route answered with after its sweep.
/// </remarks>
public sealed class FoodLicenceCardsOnSimulatedClock_Issue4Tests(PostgresServerFixture postgres) : SupervisionTestBase(postgres)
{
    private static readonly Duration JustBefore = Duration.FromMinutes(1);

    protected override IReadOnlyDictionary<string, string?> Settings { get; } = new Dictionary<string, string?>
    {
        ["Clock:Mode"] = "Simulated",
        ["Clock:Start"] = "2025-09-26T00:00:00+08:00",
        ["Supervision:Enabled"] = "true",
    };

    [Fact]
    public async Task FoodLicence_RaisesPromptYellowRedOnceEach_AtTheDocumentedInstants_WhenTheAdministratorMovesTheClock()
    {
        Factory.UsesFakeClock.Should().BeFalse("the server reads its own simulated clock");
        var start = await MoveClockAsync(At("2025-09-26T09:00:00"));
        start.Now.Should().StartWith("2025-09-26T09:00:0", "the administrator set the clock to 2025-09-26T09:00:00+08:00").And.EndWith("+08:00");
        var id = await Driver.SubmitAndAcceptAsync("clerk.market", "food-business-licence");
        (await Driver.CaseAsync(id))["acceptanceDate"]!.GetValue<string>().Should().Be("2025-09-26");

        var prompt = At("2025-10-10T00:00:00");      // the start of the promised due day
        var yellow = At("2025-10-11T00:00:00");      // its end: the promise is exceeded
        var red = At("2025-10-14T00:00:00");         // the end of the supervised-handling deadline, Mon 10-13 (Sat 10-11 is a make-up working day)
        var stepPrompt = At("2025-10-09T00:00:00");  // the market review: 4 WD from 09-26 → due 10-09
        var stepYellow = prompt;
        string[] none = [];
        string[] promptOnly = [SignalRules.CasePrompt];
        string[] promptAndYellow = [SignalRules.CasePrompt, SignalRules.CaseYellow];
        string[] allThree = [SignalRules.CasePrompt, SignalRules.CaseYellow, SignalRules.CaseRed];
        string[] bothSteps = [SignalRules.StepPrompt, SignalRules.StepYellow];

        var raisedBy = new Dictionary<string, ClockMove>();
        foreach (var (to, caseRules, stepRules) in new (Instant, string[], string[])[]
                 {
                     (stepPrompt - JustBefore, none, none),
                     (stepPrompt, none, [SignalRules.StepPrompt]),
                     (prompt - JustBefore, none, [SignalRules.StepPrompt]),
                     (prompt, promptOnly, bothSteps),
                     (yellow - JustBefore, promptOnly, bothSteps),
                     (yellow, promptAndYellow, bothSteps),
                     (red - JustBefore, promptAndYellow, bothSteps),
                     (red, allThree, bothSteps),
                     (At("2025-10-31T00:00:00"), allThree, bothSteps), // past the statutory due day 10-30: nothing more
                 })
        {
            var move = await MoveClockAsync(to);
            var fired = await FiredSignalsAsync(id);
            fired.Where(s => s.Kind == nameof(ClockKind.Case)).Select(s => s.Rule).Should().BeEquivalentTo(caseRules, $"case signals at {move.Now}");
            fired.Where(s => s.Kind == nameof(ClockKind.Step)).Select(s => s.Rule).Should().BeEquivalentTo(stepRules, $"step signals at {move.Now}");
            foreach (var signal in fired.Where(s => !raisedBy.ContainsKey(s.Rule)))
            {
                raisedBy[signal.Rule] = move;
                signal.FiredAt.Should().BeInRange(move.Set, move.Answered, $"{signal.Rule} fired in the sweep of the move to {move.Now}");
            }
        }

        raisedBy.ToDictionary(r => r.Key, r => r.Value.Set).Should().BeEquivalentTo(new Dictionary<string, Instant>
        {
            [SignalRules.CasePrompt] = prompt,
            [SignalRules.CaseYellow] = yellow,
            [SignalRules.CaseRed] = red,
            [SignalRules.StepPrompt] = stepPrompt,
            [SignalRules.StepYellow] = stepYellow,
        }, "each signal is raised by the first move of the clock to its instant, not before");

        // Stored: each signal once, fired within the sweep of the move that raised it; its alerts carry the same instant.
        var rows = await SignalsAsync(id);
        rows.Should().HaveCount(5).And.OnlyContain(s => s.FiredAt != null);
        foreach (var row in rows)
        {
            row.FiredAt!.Value.Should().BeInRange(raisedBy[row.Rule].Set, raisedBy[row.Rule].Answered, row.Rule);
        }

        var caseGuid = Guid.Parse(id);
        var alertTimes = await InDbAsync(db => db.Set<AlertRow>().AsNoTracking()
            .Where(a => a.CaseId == caseGuid).Select(a => new { a.SignalId, a.CreatedAt }).ToListAsync());
        alertTimes.Should().OnlyContain(a => rows.Single(s => s.Id == a.SignalId).FiredAt == a.CreatedAt);
        var raised = await InDbAsync(db => db.AuditEvents.AsNoTracking()
            .Where(e => e.CaseId == caseGuid && e.Subject == caseGuid.ToString() && e.Action.EndsWith("Raised")).Select(e => e.Action).ToListAsync());
        raised.Should().BeEquivalentTo(["PromptRaised", "YellowRaised", "RedRaised"], "each card is raised, and audited, exactly once");

        // Recipients (AlertRecipients): a case prompt to the lead department's window clerks, yellow and red to its head and
        // every supervisor; the unclaimed review's prompt to its department's reviewers, its yellow to the head and supervisors.
        (await RecipientsAsync(id)).Should().BeEquivalentTo(new Dictionary<string, string[]>
        {
            [SignalRules.CasePrompt] = ["clerk.market"],
            [SignalRules.CaseYellow] = ["head.market", "supervisor"],
            [SignalRules.CaseRed] = ["head.market", "supervisor"],
            [SignalRules.StepPrompt] = ["reviewer.market"],
            [SignalRules.StepYellow] = ["head.market", "supervisor"],
        }, options => options.WithStrictOrdering());
        (await MyAlertRulesAsync("clerk.market", id)).Should().Equal(SignalRules.CasePrompt);
        (await MyAlertRulesAsync("reviewer.market", id)).Should().Equal(SignalRules.StepPrompt);
        (await MyAlertRulesAsync("head.market", id)).Should().BeEquivalentTo([SignalRules.CaseRed, SignalRules.CaseYellow, SignalRules.StepYellow]);
        (await MyAlertRulesAsync("supervisor", id)).Should().BeEquivalentTo([SignalRules.CaseRed, SignalRules.CaseYellow, SignalRules.StepYellow]);
        (await MyAlertRulesAsync("head.fire", id)).Should().BeEmpty();
    }

    [Fact]
    public async Task FoodLicence_RaisesNoCaseSignal_WhenCompletedOn20251009()
    {
        await MoveClockAsync(At("2025-09-26T09:00:00"));
        var id = await Driver.SubmitAndAcceptAsync("clerk.market", "food-business-licence");

        var decisionDay = await MoveClockAsync(At("2025-10-09T10:00:00"));
        await ApproveReviewsAsync(id);
        var completed = await Driver.CaseAsync(id);
        completed["status"]!.GetValue<string>().Should().Be("Completed");
        completed["decisionDate"]!.GetValue<string>().Should().Be("2025-10-09");

        foreach (var later in new[] { "2025-10-10T00:00:00", "2025-10-11T00:00:00", "2025-10-14T00:00:00", "2025-10-31T00:00:00" })
        {
            await MoveClockAsync(At(later));
        }

        var fired = await FiredSignalsAsync(id);
        fired.Where(s => s.Kind == nameof(ClockKind.Case)).Should().BeEmpty("the case was completed before its promised due day");
        (await SignalsAsync(id)).Where(s => s.SubjectKind == ClockKind.Case).Should().BeEmpty("a completed case's pending signals are withdrawn");

        // The review was still open when the clock reached its due day (10-09), so its prompt fired in that move's sweep;
        // decided the same day, it never went yellow.
        var step = fired.Where(s => s.Kind == nameof(ClockKind.Step)).Should().ContainSingle().Subject;
        step.Rule.Should().Be(SignalRules.StepPrompt);
        step.FiredAt.Should().BeInRange(decisionDay.Set, decisionDay.Answered);
        (await RecipientsAsync(id)).Keys.Should().Equal(SignalRules.StepPrompt);
        (await MyAlertRulesAsync("clerk.market", id)).Should().BeEmpty();
        (await MyAlertRulesAsync("head.market", id)).Should().BeEmpty();
        (await MyAlertRulesAsync("supervisor", id)).Should().BeEmpty();
    }

    /// <summary>What one <c>POST /api/admin/clock</c> did: the instant set, and the clock's time in the answer (after the sweep).</summary>
    private sealed record ClockMove(Instant Set, Instant Answered, string Now);

    /// <summary>A fired signal as <c>GET /api/supervision/signals</c> lists it.</summary>
    private sealed record FiredSignal(string Kind, string Rule, Instant FiredAt);

    /// <summary>The administrator sets the simulated clock to <paramref name="to"/>; the route sweeps before it answers.</summary>
    private async Task<ClockMove> MoveClockAsync(Instant to)
    {
        var admin = await Driver.As("admin");
        var body = new JsonObject { ["now"] = ClockText.Format(to, CentreTimeZone.Default.Zone) };
        var answer = await HttpJson.ReadAsync(await admin.PostAsJsonAsync("/api/admin/clock", body), HttpStatusCode.OK);
        answer["mode"]!.GetValue<string>().Should().Be("Simulated");
        return new ClockMove(to, Parse(answer["nowUtc"]!), answer["now"]!.GetValue<string>());
    }

    /// <summary>The case's fired signals, as the supervisor reads them.</summary>
    private async Task<List<FiredSignal>> FiredSignalsAsync(string caseId)
    {
        var page = await GetAsync("supervisor", "/api/supervision/signals?serviceItem=food-business-licence&pageSize=200");
        return page["items"]!.AsArray().OfType<JsonObject>()
            .Where(s => s["caseId"]!.GetValue<string>() == caseId)
            .Select(s => new FiredSignal(s["subjectKind"]!.GetValue<string>(), s["rule"]!.GetValue<string>(), Parse(s["firedAt"]!)))
            .ToList();
    }

    /// <summary>The rules of the case's alerts in <paramref name="user"/>'s own list (<c>GET /api/supervision/alerts</c>).</summary>
    private async Task<List<string>> MyAlertRulesAsync(string user, string caseId)
    {
        var page = await GetAsync(user, "/api/supervision/alerts?pageSize=200");
        return page["items"]!.AsArray().OfType<JsonObject>()
            .Where(a => a["caseId"]!.GetValue<string>() == caseId)
            .Select(a => a["rule"]!.GetValue<string>())
            .ToList();
    }

    private static Instant Parse(JsonNode text) => InstantPattern.ExtendedIso.Parse(text.GetValue<string>()).GetValueOrThrow();
}
