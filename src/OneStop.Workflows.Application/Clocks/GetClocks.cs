using Microsoft.EntityFrameworkCore;
using OneStop.Workflows.Application.Cases;
using OneStop.Workflows.Domain.Calendar;
using OneStop.Workflows.Domain.Cases;
using OneStop.Workflows.Domain.Shared;
using OneStop.Workflows.Persistence;
using OneStop.Workflows.Persistence.Calendar;

namespace OneStop.Workflows.Application.Clocks;

/// <summary>A staff member who sees the case reads its clock and its reviews' step clocks, with the derived due days.</summary>
public sealed class GetClocks(OneStopDbContext db, EffectiveCalendarStore calendar, CentreDay day)
{
    public sealed record Query(string CaseId);

    public async Task<Result<ClockList>> ExecuteAsync(Query query, Actor actor, CancellationToken ct)
    {
        if (!CaseId.TryParse(query.CaseId, out var caseId) || !CaseAccess.SeesCases(actor) || !await CaseAccess.CanSeeAsync(db, actor, caseId, ct))
        {
            return Refusal.NotFound("No case with that id is visible to you.");
        }

        var cal = await calendar.CurrentAsync(ct);
        var clocks = await db.Clocks.AsNoTracking().Where(c => c.CaseId == caseId).OrderBy(c => c.CreatedAt).ToListAsync(ct);
        return new ClockList(clocks.Select(c => ClockView.From(c, cal, day)).ToList());
    }
}
