using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using NodaTime;
using OneStop.Workflows.Domain.Audit;
using OneStop.Workflows.Domain.Cases;
using OneStop.Workflows.Persistence;
using OneStop.Workflows.Persistence.Approval;
using OneStop.Workflows.Server.Features.Cases;
using OneStop.Workflows.Server.Hosting;

namespace OneStop.Workflows.Server.Features.Tasks;

/// <summary>
/// The lead window issues the merged correction notice of the reviewing departments (ReturnForCorrection policy):
/// one notice to the applicant, the case waits, the other open reviews pause. One transaction with version checks.
/// </summary>
public sealed class CorrectionNoticeIssuer(IDbContextFactory<OneStopDbContext> contexts, IClock clock, NotificationOptions notifications, ILogger<CorrectionNoticeIssuer> logger)
{
    public async Task<IResult> IssueAsync(Guid taskId, Actor user, string key, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var task = await db.Tasks.FirstAsync(t => t.Id == taskId, ct);
        if (task.Status != ApprovalTaskStatus.Open)
        {
            return task.DecisionKey == key ? Results.Ok(TaskView.From(task)) : Problems.Conflict($"The task is {task.Status}.", "task.not-open");
        }

        var c = await db.Cases.FirstAsync(x => x.Id == task.CaseId, ct);
        var notice = await db.CorrectionNotices.Where(n => n.CaseId == c.Id && n.IssuedAt == null).OrderBy(n => n.CreatedAt).FirstOrDefaultAsync(ct);
        if (notice is null || notice.Items.Count == 0)
        {
            return Problems.Conflict("There is no pending correction request to issue.", "notice.nothing-to-issue");
        }

        var now = clock.GetCurrentInstant();
        var notification = CaseRecords.IssueNotice(db, c, notice, user.UserName, now, notifications.Channel);
        foreach (var review in await db.Tasks.Where(t => t.CaseId == c.Id && t.Kind == TaskKind.Review && t.Status == ApprovalTaskStatus.Open).ToListAsync(ct))
        {
            review.Pause();
        }

        task.Decide(Outcomes.Issued, null, user.UserName, key, now);
        CaseRecords.Audit(db, c, now, AuditActions.TaskDecided, user.UserName, task.Id.ToString(), null, new { outcome = Outcomes.Issued });
        try
        {
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Problems.Conflict("The case changed meanwhile; read it again.", "case.concurrent-change");
        }

        logger.LogInformation("Notify {Channel} ({Kind}): {Message}", notification.Channel, notification.Kind, notification.Message);
        return Results.Ok(TaskView.From(task));
    }
}
