using Microsoft.EntityFrameworkCore;
using OneStop.Workflows.Domain.Cases;
using OneStop.Workflows.Domain.Shared;
using OneStop.Workflows.Persistence;

namespace OneStop.Workflows.Application.Cases;

/// <summary>
/// A case's correction notices (补正告知书), oldest first, each with every item and the text the applicant receives — what the
/// window prints (issue 10). Visible to whoever may see the case; a notice names materials, not the applicant, so the read is
/// not audited.
/// </summary>
public sealed class GetCorrectionNotices(OneStopDbContext db)
{
    public sealed record Query(string CaseId);

    /// <summary>One notice; <c>text</c> is the notice as sent (case number, every item, one-time wording).</summary>
    public sealed record NoticeView(string Id, string Stage, IReadOnlyList<CorrectionItem> Items, string CreatedAt, string? IssuedAt,
        string? IssuedBy, string? AnsweredAt, string Text);

    /// <summary>The notices of the case, oldest first (none before a correction was asked for).</summary>
    public sealed record Notices(IReadOnlyList<NoticeView> Items);

    public async Task<Result<Notices>> ExecuteAsync(Query query, Actor actor, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (!CaseId.TryParse(query.CaseId, out var caseId) || !CaseAccess.SeesCases(actor))
        {
            return Refusal.NotFound("No case with that id is visible to you.");
        }

        await using var read = await db.ReadTransactionAsync(ct);
        var number = await CaseAccess.Visible(db, actor).AsNoTracking().Where(c => c.Id == caseId).Select(c => c.Number).FirstOrDefaultAsync(ct);
        if (number is null)
        {
            return Refusal.NotFound("No case with that id is visible to you.");
        }

        var notices = await db.CorrectionNotices.AsNoTracking().Where(n => n.CaseId == caseId).OrderBy(n => n.CreatedAt).ToListAsync(ct);
        await read.CompleteAsync(ct);
        return new Notices(notices.Select(n => new NoticeView(n.Id.ToString(), n.Stage.ToString(), n.Items, n.CreatedAt.ToString(),
            n.IssuedAt?.ToString(), n.IssuedBy, n.AnsweredAt?.ToString(), n.Text(number))).ToList());
    }
}
