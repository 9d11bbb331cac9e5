using NodaTime;
using NodaTime.Text;
using OneStop.Workflows.Domain.Clocks;

namespace OneStop.Workflows.Application.Clocks;

/// <summary>A clock's derivation on the wire ("why this due date"): start day and rule, each limit's budget and walk. Dates ISO.</summary>
public sealed record ClockDerivationView(string ClockId, string Kind, string? TaskId, string Start, string StartRule, bool Suspended, bool Provisional,
    ClockDerivationView.LimitView? Promised, ClockDerivationView.LimitView? Statutory)
{
    /// <summary>One limit: budget = base value + extension days; the walk lists every day after the start up to the due day (working-day limits only).</summary>
    public sealed record LimitView(int BaseValue, int ExtensionDays, int Budget, string Unit, string? Due, bool Provisional, int CountedDays, int SkippedRestDays,
        int SuspendedDays, int RolledForwardDays, IReadOnlyList<DayView> Walk);

    /// <summary>One day of the walk: its kind (Working, MakeUpWorkingDay, Weekend, Holiday, Suspended), its running count when counted.</summary>
    public sealed record DayView(string Date, string Kind, int? Count, string? HolidayName, string? SuspensionId, bool Provisional);

    /// <summary>The view of <paramref name="d"/>; <paramref name="taskId"/> is the step clock's review task.</summary>
    public static ClockDerivationView From(ClockDerivation d, string? taskId) => new(d.ClockId.ToString(), d.Kind.ToString(), taskId, Iso(d.Start),
        d.StartRule.ToString(), d.Suspended, d.Provisional, Limit(d.Promised), Limit(d.Statutory));

    private static LimitView? Limit(LimitDerivation? l) => l is null ? null : new LimitView(l.BaseValue, l.ExtensionDays, l.Budget, l.Unit.ToString(),
        l.Due is { } due ? Iso(due) : null, l.Provisional, l.CountedDays, l.SkippedRestDays, l.SuspendedDays, l.RolledForwardDays,
        l.Walk.Select(w => new DayView(Iso(w.Date), w.Kind.ToString(), w.Count, w.HolidayName, w.SuspensionId?.ToString(), w.Provisional)).ToList());

    private static string Iso(LocalDate date) => LocalDatePattern.Iso.Format(date);
}

/// <summary>The derivations of a case's clocks (or of one), as <c>GET /cases/{id}/clocks/derivation</c> answers them.</summary>
public sealed record ClockDerivationList(IReadOnlyList<ClockDerivationView> Items);
