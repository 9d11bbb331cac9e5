using NodaTime;
using OneStop.Workflows.Domain.Calendar;
using OneStop.Workflows.Domain.Clocks;

namespace OneStop.Workflows.Domain.Supervision;

/// <summary>
/// The card ladder (domain-rules §3) under a clock's <see cref="LadderSettings"/>. For a case with promised due day P and
/// statutory due day S: prompt at the start of the prompt day (P itself with the default lead of one working day), yellow
/// at the end of P, red at the end of the earlier of the supervised-handling deadline (P + 2 WD by default) and S, and,
/// if switched on, a prompt when half the promised limit is consumed. A step: prompt (unless switched off) at the start
/// of its prompt day, yellow at the end of its due day. Nothing while suspended or stopped.
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
        var excluded = clock.ExcludedRanges();
        var signals = new List<PlannedSignal>();
        if (clock.Kind == ClockKind.Step)
        {
            if (deadlines.PromisedDue is { } due)
            {
                if (settings.StepPrompts)
                {
                    var promptDay = PromptDay(clock.Start, due, settings.PromptLeadWorkingDays, calendar, excluded);
                    signals.Add(new(SignalRules.StepPrompt, SignalLevel.Prompt, day.StartOf(promptDay),
                        $"Step due {due:uuuu-MM-dd}: {Left(calendar.WorkingDaysBetween(promptDay.PlusDays(-1), due, excluded))} left."));
                }

                signals.Add(new(SignalRules.StepYellow, SignalLevel.Yellow, day.EndOf(due), $"Step budget exceeded at the end of {due:uuuu-MM-dd}."));
            }

            return signals;
        }

        if (deadlines.PromisedDue is { } p)
        {
            var promptDay = PromptDay(clock.Start, p, settings.PromptLeadWorkingDays, calendar, excluded);
            var promptAt = day.StartOf(promptDay);
            if (settings.PromptAtHalfBudget && HalfDay(clock, calendar) is { } half && day.EndOf(half.Day) < promptAt)
            {
                var unit = clock.Promised!.Unit == Catalogue.TimeUnit.WorkingDays ? "working" : "calendar";
                signals.Add(new(SignalRules.CaseHalf, SignalLevel.Prompt, day.EndOf(half.Day),
                    $"Half the promised limit is used: {half.Counted} of {clock.Promised.Value} {unit} days counted by the end of {half.Day:uuuu-MM-dd} (promised due {p:uuuu-MM-dd})."));
            }

            signals.Add(new(SignalRules.CasePrompt, SignalLevel.Prompt, promptAt,
                $"Promised due {p:uuuu-MM-dd}: {Left(calendar.WorkingDaysBetween(promptDay.PlusDays(-1), p, excluded))} left."));
            signals.Add(new(SignalRules.CaseYellow, SignalLevel.Yellow, day.EndOf(p), $"Promise exceeded at the end of {p:uuuu-MM-dd}."));
        }

        var supervised = deadlines.PromisedDue is { } promisedDue
            ? calendar.Due(promisedDue, settings.SupervisedHandlingWorkingDays, Catalogue.TimeUnit.WorkingDays, excluded).Due
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

    /// <summary>
    /// The day whose start the prompt fires at: <paramref name="due"/> for a lead of 1; for N, the working day N − 1
    /// working days before it (days of ended suspensions do not count); never before the clock's first counted working
    /// day (a lead longer than the budget prompts when the budget starts to run).
    /// </summary>
    public static LocalDate PromptDay(LocalDate start, LocalDate due, int leadWorkingDays, WorkingDayCalendar calendar, IReadOnlyCollection<DateRange> excluded)
    {
        var day = due;
        for (var back = 1; back < leadWorkingDays && day > start;)
        {
            day = day.PlusDays(-1);
            if (!excluded.Any(r => r.Contains(day)) && calendar.IsWorkingDay(day, out _))
            {
                back++;
            }
        }

        if (day < due && day <= start)
        {
            var first = calendar.Due(start, 1, Catalogue.TimeUnit.WorkingDays, excluded).Due;
            day = first < due ? first : due;
        }

        return day;
    }

    /// <summary>
    /// Half the promised limit: the day on which ⌈limit ÷ 2⌉ days of the limit's unit (working or calendar days, the start
    /// day not counted, ended suspensions skipped) have been counted, its end being the first day boundary at which at
    /// least half is consumed. A calendar-day half is not moved off a rest day (that rule is for a period's last day).
    /// Null for a limit under two days, which has no day boundary before its end.
    /// </summary>
    public static (LocalDate Day, int Counted)? HalfDay(Clock clock, WorkingDayCalendar calendar)
    {
        if (clock.Promised is not { Value: >= 2 } limit || clock.IsSuspended)
        {
            return null;
        }

        var counted = (limit.Value + 1) / 2;
        return (calendar.Due(clock.Start, counted, limit.Unit, clock.ExcludedRanges(), endOnWorkingDay: false).Due, counted);
    }

    private static string Left(int workingDays) => workingDays == 1 ? "one working day" : $"{workingDays} working days";
}
