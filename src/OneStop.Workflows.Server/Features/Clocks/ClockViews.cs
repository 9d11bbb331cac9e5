using NodaTime.Text;
using OneStop.Workflows.Domain.Calendar;
using OneStop.Workflows.Domain.Clocks;

namespace OneStop.Workflows.Server.Features.Clocks;

/// <summary>A clock as the API shows it: derived due days and instants, suspensions, extension.</summary>
public sealed record ClockView(string Id, string Kind, string? TaskId, string Start, string? PromisedDue, string? PromisedDueInstant,
    string? StatutoryDue, string? StatutoryDueInstant, bool Suspended, bool Stopped, bool Provisional, IReadOnlyList<Suspension> Suspensions, Extension? Extension)
{
    public static ClockView From(Clock c, WorkingDayCalendar calendar, CentreDay day)
    {
        var d = c.Deadlines(calendar);
        return new ClockView(c.Id.ToString(), c.Kind.ToString(), c.TaskId?.ToString(), LocalDatePattern.Iso.Format(c.Start),
            Format(d.PromisedDue), d.PromisedDue is { } p ? day.EndOf(p).ToString() : null,
            Format(d.StatutoryDue), d.StatutoryDue is { } s ? day.EndOf(s).ToString() : null,
            c.IsSuspended, c.IsStopped, d.Provisional, c.Suspensions, c.Extension);
    }

    private static string? Format(NodaTime.LocalDate? date) => date is { } d ? LocalDatePattern.Iso.Format(d) : null;
}
