using NodaTime.Text;
using OneStop.Workflows.Domain.Calendar;
using OneStop.Workflows.Domain.Clocks;

namespace OneStop.Workflows.Application.Clocks;

/// <summary>A clock as the API shows it: derived due days and instants, suspensions, extension.</summary>
public sealed record ClockView(string Id, string Kind, string? TaskId, string Start, string? PromisedDue, string? PromisedDueInstant,
    string? StatutoryDue, string? StatutoryDueInstant, bool Suspended, bool Stopped, bool Provisional, IReadOnlyList<ClockView.SuspensionView> Suspensions,
    ClockView.ExtensionView? Extension)
{
    /// <summary>A suspension on the wire (dates ISO).</summary>
    public sealed record SuspensionView(string Id, string Type, string? LocalType, string From, string? To, int ExpectedWorkingDays, string Notice,
        string StartedBy, string StartedAt, string? EndedBy, string? EndedAt);

    /// <summary>The extension on the wire.</summary>
    public sealed record ExtensionView(int WorkingDays, string ApprovedBy, string Reason, string At);

    /// <summary>The clock's view with its due days derived from <paramref name="calendar"/> now.</summary>
    public static ClockView From(Clock c, WorkingDayCalendar calendar, CentreDay day)
    {
        var d = c.Deadlines(calendar);
        return new ClockView(c.Id.ToString(), c.Kind.ToString(), c.TaskId?.ToString(), LocalDatePattern.Iso.Format(c.Start),
            Format(d.PromisedDue), d.PromisedDue is { } p ? day.EndOf(p).ToString() : null,
            Format(d.StatutoryDue), d.StatutoryDue is { } s ? day.EndOf(s).ToString() : null,
            c.IsSuspended, c.IsStopped, d.Provisional,
            c.Suspensions.Select(s => new SuspensionView(s.Id.ToString(), s.Type.ToString(), s.LocalType, LocalDatePattern.Iso.Format(s.From), Format(s.To),
                s.ExpectedWorkingDays, s.Notice, s.StartedBy, s.StartedAt.ToString(), s.EndedBy, s.EndedAt?.ToString())).ToList(),
            c.Extension is { } e ? new ExtensionView(e.WorkingDays, e.ApprovedBy, e.Reason, e.At.ToString()) : null);
    }

    private static string? Format(NodaTime.LocalDate? date) => date is { } d ? LocalDatePattern.Iso.Format(d) : null;
}

/// <summary>A case's clocks, as <c>GET /cases/{id}/clocks</c> answers them.</summary>
public sealed record ClockList(IReadOnlyList<ClockView> Items);

/// <summary>The case's running clocks after a suspension ended or an extension was granted.</summary>
public sealed record CaseClocks(IReadOnlyList<ClockView> Clocks);

/// <summary>The new suspension's id and the case's running clocks, now suspended.</summary>
public sealed record SuspensionStarted(string SuspensionId, IReadOnlyList<ClockView> Clocks);
