using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Query;
using OneStop.Workflows.Domain.Cases;
using OneStop.Workflows.Domain.Clocks;

namespace OneStop.Workflows.Persistence.Supervision;

/// <summary>
/// The card board's keys on a firing signal (ADR 0010), as setters of the statement that marks it fired: the review's
/// department for a step signal (else the case's lead department), the case's service item, whether the case is open.
/// Correlated subqueries, so marking and keying stay one statement. PostgreSQL's sweep writes the same in
/// <see cref="DeadlineSweeper.PostgreSqlFireBatch"/>.
/// </summary>
public static class SignalBoardKeys
{
    /// <summary>Adds the key setters to an <c>ExecuteUpdate</c> over signals.</summary>
    public static UpdateSettersBuilder<SignalRow> SetBoardKeys(this UpdateSettersBuilder<SignalRow> u, OneStopDbContext db)
    {
        ArgumentNullException.ThrowIfNull(u);
        ArgumentNullException.ThrowIfNull(db);
        // (Guid)(object) lets EF compare the converted CaseId / TaskId columns with the signal's Guid columns (same uuid in SQL).
        return u
            .SetProperty(s => s.Department, s =>
                db.Tasks.Where(t => s.SubjectKind == ClockKind.Step && (Guid)(object)t.Id == s.SubjectId).Select(t => t.Department).FirstOrDefault()
                ?? db.Cases.Where(c => (Guid)(object)c.Id == s.CaseId).Select(c => c.LeadDepartment).FirstOrDefault())
            .SetProperty(s => s.ServiceItem, s => db.Cases.Where(c => (Guid)(object)c.Id == s.CaseId).Select(c => c.ServiceItemCode).FirstOrDefault())
            .SetProperty(s => s.CaseOpen, s => db.Cases.Any(c => (Guid)(object)c.Id == s.CaseId && c.Status != CaseStatus.Completed && c.Status != CaseStatus.NotAccepted));
    }

    /// <summary>
    /// Clears <see cref="SignalRow.CaseOpen"/> on the case's cards, in the transaction that closes it (Completed or
    /// NotAccepted). On PostgreSQL the two statements join the step's save (<see cref="OneStopDbContext.StepStatements"/>,
    /// one round trip, after the save's deletions): the case's pending rows are locked first (its ladder signals already
    /// are, by the working set's read, <see cref="StepQueries.CaseLadderSignalsForUpdate"/>), so a card a concurrent sweep
    /// is firing from a stale read of the case is waited for and then cleared; rewriting the pending rows themselves (they
    /// are not cards) would cost a new row version and an entry in every index each.
    /// </summary>
    public static Task CloseCaseAsync(OneStopDbContext db, CaseId caseId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var id = caseId.Value;
        if (!db.Database.IsNpgsql())
        {
            return db.Signals.Where(s => s.CaseId == id && s.CaseOpen).ExecuteUpdateAsync(u => u.SetProperty(s => s.CaseOpen, false), ct);
        }

        // Two statements: the lock's wait ends before the update takes its snapshot.
        db.StepStatements.Add((LockPendingSql, [id]));
        db.StepStatements.Add((ClearOpenSql, [id]));
        return Task.CompletedTask;
    }

    private const string LockPendingSql =
        "SELECT count(*) FROM (SELECT 1 FROM onestop.supervision_signals WHERE case_id = $1 AND fired_at IS NULL FOR UPDATE) AS pending";

    private const string ClearOpenSql = "UPDATE onestop.supervision_signals SET case_open = false WHERE case_id = $1 AND case_open";
}
