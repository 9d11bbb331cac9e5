using NodaTime;
using OneStop.Workflows.Domain.Calendar;
using OneStop.Workflows.Domain.Catalogue;

namespace OneStop.Workflows.Domain.Clocks;

/// <summary>Why a clock starts on its start day (the start day itself is never counted).</summary>
public enum ClockStartRule
{
    /// <summary>A case clock: the acceptance date (the day complete materials arrived, or the receipt date when deemed accepted).</summary>
    AcceptanceDate,

    /// <summary>A step clock: the day the review task opened.</summary>
    ReviewOpened,
}

/// <summary>How one day of a walk was treated.</summary>
public enum DerivedDayKind
{
    /// <summary>An ordinary working day, counted.</summary>
    Working,

    /// <summary>A weekend day worked by the official calendar (调休上班), counted.</summary>
    MakeUpWorkingDay,

    /// <summary>A Saturday or Sunday that is an ordinary rest day, skipped.</summary>
    Weekend,

    /// <summary>A statutory or regional holiday (or a day moved around one), skipped.</summary>
    Holiday,

    /// <summary>Inside an ended suspension, skipped.</summary>
    Suspended,
}

/// <summary>One calendar day of a walk; <see cref="Count"/> is the running number of counted days on a counted day.</summary>
public sealed record DerivedDay(LocalDate Date, DerivedDayKind Kind, int? Count, string? HolidayName, Guid? SuspensionId, bool Provisional);

/// <summary>
/// How one limit's due day follows: the budget (base value plus the extension for the statutory limit), the days counted, skipped
/// and suspended, and, for a working-day limit, the walk of every day after the start up to the due day. Calendar-day limits have
/// no walk; <see cref="RolledForwardDays"/> says how far a last day on a rest day moved. <see cref="Due"/> is null while suspended.
/// </summary>
public sealed record LimitDerivation(int BaseValue, int ExtensionDays, int Budget, TimeUnit Unit, LocalDate? Due, bool Provisional,
    int CountedDays, int SkippedRestDays, int SuspendedDays, int RolledForwardDays, IReadOnlyList<DerivedDay> Walk);

/// <summary>
/// The derivation of a clock's due days (issue 10's "why this due date"): the start day and its rule, and each limit's
/// <see cref="LimitDerivation"/>. Answers the same due days as <see cref="Clock.Deadlines"/>. Pure.
/// </summary>
public sealed record ClockDerivation(ClockId ClockId, ClockKind Kind, LocalDate Start, ClockStartRule StartRule, bool Suspended,
    LimitDerivation? Promised, LimitDerivation? Statutory)
{
    /// <summary>The largest walk (calendar days from the start to a due day) the API shows.</summary>
    public const int MaxWalkDays = 731;

    public bool Provisional => (Promised?.Provisional ?? false) || (Statutory?.Provisional ?? false);

    /// <summary>The derivation of <paramref name="clock"/>'s due days on <paramref name="calendar"/>.</summary>
    public static ClockDerivation Of(Clock clock, WorkingDayCalendar calendar)
    {
        var rule = clock.Kind == ClockKind.Case ? ClockStartRule.AcceptanceDate : ClockStartRule.ReviewOpened;
        var suspensions = clock.Suspensions.Where(s => !s.IsOpen).Select(s => (s.Id, Range: new DateRange(s.From, s.To!.Value))).ToList();
        var walker = new DeadlineWalk(calendar, clock.Start, suspensions, clock.IsSuspended);
        var promised = clock.Promised is { } p ? walker.Derive(p, 0) : null;
        var statutory = clock.Statutory is { } st ? walker.Derive(st, clock.Extension?.WorkingDays ?? 0) : null;
        return new ClockDerivation(clock.Id, clock.Kind, clock.Start, rule, clock.IsSuspended, promised, statutory);
    }
}
