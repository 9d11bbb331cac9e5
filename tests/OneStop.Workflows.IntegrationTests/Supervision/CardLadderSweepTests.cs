using Microsoft.EntityFrameworkCore;
using NodaTime;
using OneStop.Workflows.Domain.Clocks;
using OneStop.Workflows.IntegrationTests.Infrastructure;

namespace OneStop.Workflows.IntegrationTests.Supervision;

/// <summary>
/// The card ladder of the food business licence (accepted 2025-09-26, promised 5 WD → due 2025-10-10, statutory
/// 20 WD → 2025-10-30), raised by the real sweeper at the documented instants, once each, to the documented people.
/// </summary>
public sealed class CardLadderSweepTests(PostgresServerFixture postgres) : SupervisionTestBase(postgres)
{
    private static readonly Duration Moment = Duration.FromSeconds(1);

    [Fact]
    public async Task FoodLicence_RaisesPromptYellowRed_AtTheDocumentedInstants_WithRecipients()
    {
        SetClock("2025-09-26T09:00:00");
        var id = await Driver.SubmitAndAcceptAsync("clerk.market", "food-business-licence");
        (await Driver.CaseAsync(id))["acceptanceDate"]!.GetValue<string>().Should().Be("2025-09-26");

        var prompt = At("2025-10-10T00:00:00");  // the start of the promised due day
        var yellow = At("2025-10-11T00:00:00");  // its end: the promise is exceeded
        var red = At("2025-10-14T00:00:00");     // the end of the supervised-handling deadline, 10-10 + 2 WD = Mon 10-13 (Sat 10-11 is a make-up working day)
        (await CaseSignalsAsync(id)).Select(s => (s.Rule, s.Level, s.DueAt)).Should().Equal(
            (SignalRules.CasePrompt, SignalLevel.Prompt, prompt), (SignalRules.CaseYellow, SignalLevel.Yellow, yellow), (SignalRules.CaseRed, SignalLevel.Red, red));

        foreach (var (instant, expected) in new (Instant, string[])[]
                 {
                     (prompt - Moment, []),
                     (prompt, [SignalRules.CasePrompt]),
                     (yellow - Moment, [SignalRules.CasePrompt]),
                     (yellow, [SignalRules.CasePrompt, SignalRules.CaseYellow]),
                     (red - Moment, [SignalRules.CasePrompt, SignalRules.CaseYellow]),
                     (red, [SignalRules.CasePrompt, SignalRules.CaseYellow, SignalRules.CaseRed]),
                 })
        {
            SetClock(instant);
            await SweepAsync();
            await SweepAsync(); // a rerun raises nothing new
            var fired = (await CaseSignalsAsync(id)).Where(s => s.FiredAt is not null).ToList();
            fired.Select(s => s.Rule).Should().BeEquivalentTo(expected, $"at {instant}");
        }

        var signals = await CaseSignalsAsync(id);
        signals.Single(s => s.Rule == SignalRules.CasePrompt).FiredAt.Should().Be(prompt);
        signals.Single(s => s.Rule == SignalRules.CaseYellow).FiredAt.Should().Be(yellow);
        signals.Single(s => s.Rule == SignalRules.CaseRed).FiredAt.Should().Be(red);

        var caseGuid = Guid.Parse(id);
        var raised = await InDbAsync(db => db.AuditEvents.AsNoTracking()
            .Where(e => e.CaseId == caseGuid && e.Subject == caseGuid.ToString() && e.Action.EndsWith("Raised")).Select(e => e.Action).ToListAsync());
        raised.Should().BeEquivalentTo(["PromptRaised", "YellowRaised", "RedRaised"], "each card is raised, and audited, exactly once");

        var recipients = await RecipientsAsync(id);
        recipients[SignalRules.CasePrompt].Should().Equal("clerk.market");              // the lead department's window clerks
        recipients[SignalRules.CaseYellow].Should().Equal("head.market", "supervisor");  // department head + supervisors
        recipients[SignalRules.CaseRed].Should().Equal("head.market", "supervisor");

        // The market review's step clock (4 WD from 09-26 → due 10-09) has its own signals and recipients: the review is
        // not claimed, so the prompt goes to the department's reviewers.
        var steps = (await SignalsAsync(id)).Where(s => s.SubjectKind == ClockKind.Step).ToList();
        steps.Select(s => (s.Rule, s.FiredAt is not null)).Should().BeEquivalentTo(new[] { (SignalRules.StepPrompt, true), (SignalRules.StepYellow, true) });
        steps.Should().OnlyContain(s => s.SubjectId != caseGuid);
        recipients[SignalRules.StepPrompt].Should().Equal("reviewer.market");
        recipients[SignalRules.StepYellow].Should().Equal("head.market", "supervisor");
    }

    [Fact]
    public async Task CompletedCase_RaisesNone()
    {
        SetClock("2025-09-26T09:00:00");
        var id = await Driver.SubmitAndAcceptAsync("clerk.market", "food-business-licence");

        SetClock("2025-10-09T10:00:00");
        await ApproveReviewsAsync(id);
        var completed = await Driver.CaseAsync(id);
        completed["status"]!.GetValue<string>().Should().Be("Completed");
        completed["decisionDate"]!.GetValue<string>().Should().Be("2025-10-09");

        foreach (var later in new[] { "2025-10-10T00:00:00", "2025-10-11T00:00:00", "2025-10-14T00:00:00", "2025-10-31T00:00:00" })
        {
            SetClock(later);
            await SweepAsync();
        }

        (await CaseSignalsAsync(id)).Should().BeEmpty("a completed case's clock is stopped and its pending signals are withdrawn");
        var recipients = await RecipientsAsync(id);
        recipients.Keys.Should().NotContain(k => k.StartsWith("case.", StringComparison.Ordinal));
    }

    private async Task<List<OneStop.Workflows.Persistence.Supervision.SignalRow>> CaseSignalsAsync(string caseId) =>
        (await SignalsAsync(caseId)).Where(s => s.SubjectKind == ClockKind.Case).ToList();
}
