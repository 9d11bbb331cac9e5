using Microsoft.EntityFrameworkCore;
using OneStop.Workflows.Application.Cases;
using OneStop.Workflows.Domain.Cases;
using OneStop.Workflows.Domain.People;
using OneStop.Workflows.Persistence;
using OneStop.Workflows.Persistence.Supervision;

namespace OneStop.Workflows.Application.Home;

/// <summary>
/// The counts a home page shows first for the actor's role (issue 10: "each role its own work first"), so no page decides by
/// role what to count. Counts only: each section is a few COUNT queries in one read transaction. Sections that are not the
/// role's are null.
/// </summary>
public sealed class GetMyDesk(OneStopDbContext db)
{
    public sealed record Query;

    /// <summary>The actor's desk: their role and the sections of it.</summary>
    public sealed record Desk(string Role, WindowDesk? Window, InboxDesk? Inbox, HeadDesk? Head, SupervisionDesk? Supervision, AdministrationDesk? Administration);

    /// <summary>A window clerk's department: open acceptance tasks, its cases waiting for corrections, its decided cases whose result waits for delivery.</summary>
    public sealed record WindowDesk(int AcceptanceWaiting, int AwaitingCorrection, int ToDeliver);

    /// <summary>A reviewer's or head's inbox: open tasks of the department that the role works, unassigned and assigned to me.</summary>
    public sealed record InboxDesk(int Unassigned, int Mine);

    /// <summary>A department head: the open cases the department leads whose clocks are suspended now.</summary>
    public sealed record HeadDesk(int OpenSuspensions);

    /// <summary>A supervisor: my unacknowledged alerts, and the fired yellow and red cards of cases still open.</summary>
    public sealed record SupervisionDesk(int UnacknowledgedAlerts, int OpenYellowCards, int OpenRedCards);

    /// <summary>An administrator: active staff accounts and service items.</summary>
    public sealed record AdministrationDesk(int ActiveStaff, int ServiceItems);

    public async Task<Result<Desk>> ExecuteAsync(Query query, Actor actor, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(actor);
        await using var read = await db.ReadTransactionAsync(ct);
        var desk = new Desk(actor.Role.ToString(),
            actor.Role == Role.WindowClerk ? await WindowAsync(actor, ct) : null,
            actor.Role is Role.Reviewer or Role.DepartmentHead ? await InboxAsync(actor, ct) : null,
            actor.Role == Role.DepartmentHead ? await HeadAsync(actor, ct) : null,
            actor.Role == Role.Supervisor ? await SupervisionAsync(actor, ct) : null,
            actor.Role == Role.Administrator ? new AdministrationDesk(await db.Users.CountAsync(u => u.IsActive, ct), await db.ServiceItems.CountAsync(ct)) : null);
        await read.CompleteAsync(ct);
        return desk;
    }

    private async Task<WindowDesk> WindowAsync(Actor actor, CancellationToken ct)
    {
        var departments = actor.Departments.ToList();
        var led = db.Cases.AsNoTracking().Where(c => departments.Contains(c.LeadDepartment));
        return new WindowDesk(
            await db.Tasks.CountAsync(t => departments.Contains(t.Department) && t.Kind == TaskKind.Acceptance && t.Status == ApprovalTaskStatus.Open, ct),
            await led.CountAsync(c => c.Status == CaseStatus.AwaitingCorrection, ct),
            await led.CountAsync(c => c.DeliveryStatus == DeliveryStatus.Pending, ct));
    }

    private async Task<InboxDesk> InboxAsync(Actor actor, CancellationToken ct)
    {
        var kinds = Enum.GetValues<TaskKind>().Where(k => CaseAccess.CanWork(actor.Role, k)).ToList();
        var departments = actor.Departments.ToList();
        var open = db.Tasks.Where(t => departments.Contains(t.Department) && t.Status == ApprovalTaskStatus.Open && kinds.Contains(t.Kind));
        return new InboxDesk(await open.CountAsync(t => t.Assignee == null, ct), await open.CountAsync(t => t.Assignee == actor.UserName, ct));
    }

    private async Task<HeadDesk> HeadAsync(Actor actor, CancellationToken ct)
    {
        // A suspension is stored in its clocks' suspension lists (a JSON column), so it cannot be counted in SQL: read just
        // those lists of the running clocks of the open cases the department leads, and count the cases with an open one.
        var departments = actor.Departments.ToList();
        var running = await db.Clocks.AsNoTracking()
            .Where(k => k.StoppedAt == null && db.Cases.Any(c => c.Id == k.CaseId && departments.Contains(c.LeadDepartment)
                && c.Status != CaseStatus.Completed && c.Status != CaseStatus.NotAccepted))
            .Select(k => new { k.CaseId, k.Suspensions })
            .ToListAsync(ct);
        return new HeadDesk(running.Where(k => k.Suspensions.Any(s => s.IsOpen)).Select(k => k.CaseId).Distinct().Count());
    }

    private async Task<SupervisionDesk> SupervisionAsync(Actor actor, CancellationToken ct)
    {
        var unacknowledged = await db.Set<AlertRow>().CountAsync(a => a.Recipient == actor.UserName && a.AcknowledgedAt == null, ct);
        // The case's openness is stored on the card (ADR 0010): counted from the board's partial index, no join with the cases.
        var cards = await db.Signals
            .Where(s => s.FiredAt != null && s.Level != SignalLevel.Action && s.CaseOpen && (s.Level == SignalLevel.Yellow || s.Level == SignalLevel.Red))
            .GroupBy(s => s.Level).Select(g => new { Level = g.Key, Count = g.Count() })
            .ToListAsync(ct);
        return new SupervisionDesk(unacknowledged, cards.Where(c => c.Level == SignalLevel.Yellow).Sum(c => c.Count),
            cards.Where(c => c.Level == SignalLevel.Red).Sum(c => c.Count));
    }
}
