using NodaTime;
using OneStop.Workflows.Domain.Calendar;

namespace OneStop.Workflows.Domain.Clocks;

/// <summary>
/// The card ladder (domain-rules §3): for a case with promised due day P and statutory due day S — prompt at the
/// start of P, yellow at the end of P, red at the end of the earlier of the supervised-handling deadline (P + 2 WD)
/// and S. A step: prompt at the start of its due day, yellow at its end. Nothing while suspended or stopped.
/// </summary>
public static class CardLadder
{
    public static IReadOnlyList<PlannedSignal> Plan(Clock clock, WorkingDayCalendar calendar, CentreDay day, LadderSettings settings)
    {
        if (clock.IsStopped || clock.IsSuspended)
        {
            return [];
        }

        var deadlines = clock.Deadlines(calendar);
        var signals = new List<PlannedSignal>();
        if (clock.Kind == ClockKind.Step)
        {
            if (deadlines.PromisedDue is { } due)
            {
                signals.Add(new(SignalRules.StepPrompt, SignalLevel.Prompt, day.StartOf(due), $"Step due {due:uuuu-MM-dd}: one working day left."));
                signals.Add(new(SignalRules.StepYellow, SignalLevel.Yellow, day.EndOf(due), $"Step budget exceeded at the end of {due:uuuu-MM-dd}."));
            }

            return signals;
        }

        if (deadlines.PromisedDue is { } p)
        {
            signals.Add(new(SignalRules.CasePrompt, SignalLevel.Prompt, day.StartOf(p), $"Promised due {p:uuuu-MM-dd}: one working day left."));
            signals.Add(new(SignalRules.CaseYellow, SignalLevel.Yellow, day.EndOf(p), $"Promise exceeded at the end of {p:uuuu-MM-dd}."));
        }

        var supervised = deadlines.PromisedDue is { } promisedDue
            ? calendar.Due(promisedDue, settings.SupervisedHandlingWorkingDays, Catalogue.TimeUnit.WorkingDays, clock.ExcludedRanges()).Due
            : (LocalDate?)null;
        var redDay = (supervised, deadlines.StatutoryDue) switch
        {
            ({ } d, { } s) => d < s ? d : s,
            ({ } d, null) => d,
            (null, { } s) => s,
            _ => (LocalDate?)null,
        };
        if (redDay is { } red)
        {
            var why = supervised == red ? $"still open at the supervised-handling deadline {red:uuuu-MM-dd}" : $"statutory limit {red:uuuu-MM-dd} exceeded";
            signals.Add(new(SignalRules.CaseRed, SignalLevel.Red, day.EndOf(red), $"Red card: {why}."));
        }

        return signals;
    }
}
