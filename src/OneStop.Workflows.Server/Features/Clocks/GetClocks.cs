using Microsoft.EntityFrameworkCore;
using OneStop.Workflows.Domain.Cases;
using OneStop.Workflows.Persistence;
using OneStop.Workflows.Persistence.Calendar;
using OneStop.Workflows.Server.Features.Cases;
using OneStop.Workflows.Server.Hosting;

namespace OneStop.Workflows.Server.Features.Clocks;

/// <summary>A staff member who sees the case reads its clock and its reviews' step clocks, with the derived due days.</summary>
public static class GetClocks
{
    public static RouteGroupBuilder MapGetClocks(this RouteGroupBuilder api)
    {
        api.MapGet("/cases/{id}/clocks", HandleAsync).RequireAuthorization(Policies.Staff).WithName("GetCaseClocks")
            .WithSummary("The case's clock and its reviews' step clocks, with derived due days.");
        return api;
    }

    private static async Task<IResult> HandleAsync(string id, HttpContext http, IDbContextFactory<OneStopDbContext> contexts, OfficialCalendar calendar,
        NodaTime.IClock clock, Domain.Calendar.CentreDay day, CancellationToken ct)
    {
        var user = CurrentUser.From(http.User)!;
        await using var db = await contexts.CreateDbContextAsync(ct);
        if (!CaseId.TryParse(id, out var caseId) || !CaseAccess.SeesCases(user) || !await CaseAccess.CanSeeAsync(db, user, caseId, ct))
        {
            return Problems.NotFound("No case with that id is visible to you.");
        }

        var cal = await calendar.CurrentAsync(ct);
        var clocks = await db.Clocks.AsNoTracking().Where(c => c.CaseId == caseId).OrderBy(c => c.CreatedAt).ToListAsync(ct);
        return Results.Ok(new { items = clocks.Select(c => ClockView.From(c, cal, day)).ToList() });
    }
}
