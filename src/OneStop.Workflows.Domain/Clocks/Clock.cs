using NodaTime;
using OneStop.Workflows.Domain.Audit;
using OneStop.Workflows.Domain.Calendar;
using OneStop.Workflows.Domain.Cases;
using OneStop.Workflows.Domain.Catalogue;
using OneStop.Workflows.Domain.Shared;

namespace OneStop.Workflows.Domain.Clocks;

/// <summary>The due days of a clock as derived now: never stored by hand.</summary>
public sealed record ClockDeadlines(LocalDate? PromisedDue, LocalDate? StatutoryDue, bool Provisional);

/// <summary>
/// The clock of a case (promised and statutory limits, optional joint-handling ceiling) or of a department
/// review (its step budget). Due days are derived from start + budget + suspension ledger + extension.
/// </summary>
public sealed class Clock
{
    private Clock()
    {
        Suspensions = [];
    }

    public Clock(ClockId id, CaseId caseId, TaskId? taskId, ClockKind kind, LocalDate start, TimeLimit? promised, TimeLimit? statutory, TimeLimit? statutoryExtension, Instant now)
    {
        Id = id;
        CaseId = caseId;
        TaskId = taskId;
        Kind = kind;
        Start = start;
        Promised = promised;
        Statutory = statutory;
        StatutoryExtension = statutoryExtension;
        Suspensions = [];
        CreatedAt = now;
    }

    public ClockId Id { get; private set; }

    public CaseId CaseId { get; private set; }

    /// <summary>The review task of a step clock.</summary>
    public TaskId? TaskId { get; private set; }

    public ClockKind Kind { get; private set; }

    /// <summary>The start day (not counted): the acceptance date, or the day the review task opened.</summary>
    public LocalDate Start { get; private set; }

    /// <summary>The promised limit (case) or the step budget (step).</summary>
    public TimeLimit? Promised { get; private set; }

    public TimeLimit? Statutory { get; private set; }

    /// <summary>How much one extension may add to the statutory limit.</summary>
    public TimeLimit? StatutoryExtension { get; private set; }

    public List<Suspension> Suspensions { get; private set; }

    public Extension? Extension { get; private set; }

    public Instant CreatedAt { get; private set; }

    /// <summary>Set when the subject completed; a stopped clock raises nothing.</summary>
    public Instant? StoppedAt { get; private set; }

    public long Version { get; private set; }

    public bool IsSuspended => Suspensions.Any(s => s.IsOpen);

    public bool IsStopped => StoppedAt is not null;

    /// <summary>The due days now; null while suspended (the clock is not running, so nothing is due).</summary>
    public ClockDeadlines Deadlines(WorkingDayCalendar calendar)
    {
        if (IsSuspended)
        {
            return new(null, null, false);
        }

        var excluded = ExcludedRanges();
        var promised = Promised is { } p ? calendar.Due(Start, p.Value, p.Unit, excluded) : null;
        var statutoryBudget = Statutory is { } st ? st with { Value = st.Value + (Extension?.WorkingDays ?? 0) } : null;
        var statutory = statutoryBudget is { } sb ? calendar.Due(Start, sb.Value, sb.Unit, excluded) : null;
        return new(promised?.Due, statutory?.Due, (promised?.Provisional ?? false) || (statutory?.Provisional ?? false));
    }

    /// <summary>The ended suspensions as date ranges that do not count.</summary>
    public IReadOnlyList<DateRange> ExcludedRanges() => Suspensions.Where(s => !s.IsOpen).Select(s => new DateRange(s.From, s.To!.Value)).ToList();

    /// <summary>Opens a suspension from <paramref name="from"/>; the refusal (a conflict) when the clock cannot be suspended, else null.</summary>
    public Refusal? Suspend(Guid suspensionId, SuspensionType type, string? localType, LocalDate from, int expectedWorkingDays, string notice, string user, Instant now)
    {
        if (IsStopped)
        {
            return Refusal.Conflict("The case is completed; its clock no longer runs.", RefusalCodes.ClockStopped);
        }

        if (IsSuspended)
        {
            return Refusal.Conflict("The clock is already suspended; end that suspension first.", RefusalCodes.ClockSuspended);
        }

        if (from < Start || Suspensions.Any(s => s.To >= from))
        {
            return Refusal.Conflict("A suspension starts after the clock's start and after earlier suspensions.", RefusalCodes.SuspensionOverlap);
        }

        Suspensions.Add(new Suspension(suspensionId, type, localType, from, null, expectedWorkingDays, notice, user, now));
        Version++;
        return null;
    }

    /// <summary>Ends the open suspension on <paramref name="to"/> (inclusive); the refusal (a conflict), else null.</summary>
    public Refusal? EndSuspension(Guid suspensionId, LocalDate to, string user, Instant now)
    {
        var index = Suspensions.FindIndex(s => s.Id == suspensionId);
        if (index < 0 || !Suspensions[index].IsOpen)
        {
            return Refusal.Conflict("No open suspension with that id.", RefusalCodes.SuspensionNotOpen);
        }

        if (to < Suspensions[index].From)
        {
            return Refusal.Conflict("A suspension cannot end before it started.", RefusalCodes.SuspensionRange);
        }

        Suspensions[index] = Suspensions[index] with { To = to, EndedBy = user, EndedAt = now };
        Version++;
        return null;
    }

    /// <summary>Grants the one extension, only before the statutory due instant (<paramref name="statutoryEnd"/>); the refusal (a conflict), else null.</summary>
    public Refusal? Extend(int workingDays, string approvedBy, string reason, Instant now, Instant? statutoryEnd)
    {
        if (Kind != ClockKind.Case || Statutory is null)
        {
            return Refusal.Conflict("Only a case's statutory limit can be extended.", RefusalCodes.ExtensionNotApplicable);
        }

        if (Extension is not null)
        {
            return Refusal.Conflict($"The case was already extended by {Extension.WorkingDays} working days; the law allows one extension.", RefusalCodes.ExtensionAlreadyGranted);
        }

        if (IsStopped)
        {
            return Refusal.Conflict("The case is completed.", RefusalCodes.ClockStopped);
        }

        if (statutoryEnd is { } end && now >= end)
        {
            return Refusal.Conflict("The statutory limit has expired; an extension asked now counts as overdue.", RefusalCodes.ExtensionAfterExpiry);
        }

        if (StatutoryExtension is { } allowed && workingDays > allowed.Value)
        {
            return Refusal.Conflict($"At most {allowed.Value} days may be added.", RefusalCodes.ExtensionTooLong);
        }

        Extension = new Extension(workingDays, approvedBy, reason, now);
        Version++;
        return null;
    }

    /// <summary>Stops the clock; a suspension still open ends on <paramref name="today"/> (the decision day) so the ledger is complete.</summary>
    public void Stop(Instant now, LocalDate? today = null)
    {
        for (var i = 0; i < Suspensions.Count; i++)
        {
            if (Suspensions[i].IsOpen)
            {
                var end = today is { } t && t >= Suspensions[i].From ? t : Suspensions[i].From;
                Suspensions[i] = Suspensions[i] with { To = end, EndedBy = SystemActor.Name, EndedAt = now };
            }
        }

        StoppedAt ??= now;
        Version++;
    }
}
