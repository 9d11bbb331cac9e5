using Microsoft.EntityFrameworkCore;
using OneStop.Workflows.Domain.Calendar;
using OneStop.Workflows.Domain.Cases;
using OneStop.Workflows.Persistence;
using OneStop.Workflows.Server.Features.Cases;
using OneStop.Workflows.Server.Hosting;

namespace OneStop.Workflows.Server.Features.Supervision;

/// <summary>Fired supervision signals (immutable events), newest first, filtered and paged, for supervisors and department heads.</summary>
public static class ListSignals
{
    /// <param name="Department">The review's department for a step signal, the case's lead department for a case signal.</param>
    /// <param name="SubjectId">The case id (as in the case routes) for a case signal, the review task's id for a step signal.</param>
    public sealed record SignalView(
        string Id, string CaseId, string CaseNumber, string ServiceItem, string Department, string SubjectKind, string SubjectId,
        string Rule, string Level, string Basis, string DueAt, string FiredAt);

    public static void MapListSignals(this RouteGroupBuilder api) =>
        api.MapGet("/supervision/signals", HandleAsync).RequireAuthorization(Policies.Supervision)
            .WithName("ListSignals")
            .WithSummary("Fired signals, newest first: filter by level, department, serviceItem and fired day (from/to, yyyy-MM-dd, inclusive, centre's zone); paged from 0.")
            .Produces<Page<SignalView>>().ProducesValidationProblem();

    private static async Task<IResult> HandleAsync(
        HttpContext http, IDbContextFactory<OneStopDbContext> contexts, CentreTimeZone centre, string? level, string? department, string? serviceItem,
        string? from, string? to, string? page, string? pageSize, CancellationToken ct)
    {
        var user = CurrentUser.From(http.User)!;
        var errors = new Dictionary<string, string[]>();
        var wantedLevel = SupervisionQuery.Level(level, errors);
        var fromDay = SupervisionQuery.Date(from, "from", errors);
        var toDay = SupervisionQuery.Date(to, "to", errors);
        SupervisionQuery.Range(fromDay, toDay, errors);
        var paging = Paging.Read(page, pageSize, errors);
        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }

        await using var db = await contexts.CreateDbContextAsync(ct);

        // Signals name their case; a step signal's subject is the review task (and so its department). Deemed actions
        // are listed like every other signal: a deemed acceptance has no clock (none runs before acceptance).
        var query =
            from s in db.Signals.AsNoTracking()
            where s.FiredAt != null
            // (Guid)(object) lets EF compare the converted CaseId column with the signal's Guid column (same uuid in SQL).
            join c in CaseAccess.Visible(db, user) on s.CaseId equals (Guid)(object)c.Id
            join t in db.Tasks on (s.SubjectKind == Domain.Clocks.ClockKind.Step ? (Guid?)s.SubjectId : null) equals (Guid?)t.Id into tasks
            from t in tasks.DefaultIfEmpty()
            select new { Signal = s, c.Number, c.ServiceItemCode, Department = t == null ? c.LeadDepartment : t.Department };
        if (wantedLevel is { } l)
        {
            query = query.Where(x => x.Signal.Level == l);
        }

        if (!string.IsNullOrWhiteSpace(department))
        {
            query = query.Where(x => x.Department == department);
        }

        if (!string.IsNullOrWhiteSpace(serviceItem))
        {
            query = query.Where(x => x.ServiceItemCode == serviceItem);
        }

        if (fromDay is { } f)
        {
            var start = SupervisionQuery.StartOf(f, centre.Zone);
            query = query.Where(x => x.Signal.FiredAt >= start);
        }

        if (toDay is { } t2)
        {
            var end = SupervisionQuery.StartOf(t2.PlusDays(1), centre.Zone);
            query = query.Where(x => x.Signal.FiredAt < end);
        }

        var total = await query.CountAsync(ct);
        var rows = await query.OrderByDescending(x => x.Signal.FiredAt).ThenByDescending(x => x.Signal.DueAt).ThenBy(x => x.Signal.Rule).ThenBy(x => x.Signal.Id)
            .Skip(paging.Skip).Take(paging.Size).ToListAsync(ct);
        var items = rows.Select(x => new SignalView(
            x.Signal.Id.ToString(), new CaseId(x.Signal.CaseId).ToString(), x.Number, x.ServiceItemCode, x.Department, x.Signal.SubjectKind.ToString(),
            x.Signal.SubjectKind == Domain.Clocks.ClockKind.Case ? new CaseId(x.Signal.SubjectId).ToString() : x.Signal.SubjectId.ToString(),
            x.Signal.Rule, x.Signal.Level.ToString(), x.Signal.Basis, x.Signal.DueAt.ToString(), x.Signal.FiredAt!.Value.ToString())).ToList();
        return Results.Ok(new Page<SignalView>(items, total, paging.Number, paging.Size));
    }
}
