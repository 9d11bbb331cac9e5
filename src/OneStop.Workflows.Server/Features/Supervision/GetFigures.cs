using Microsoft.EntityFrameworkCore;
using NodaTime;
using OneStop.Workflows.Domain.Calendar;
using OneStop.Workflows.Domain.Cases;
using OneStop.Workflows.Domain.Clocks;
using OneStop.Workflows.Persistence;
using OneStop.Workflows.Persistence.Calendar;
using OneStop.Workflows.Server.Features.Cases;
using OneStop.Workflows.Server.Hosting;

namespace OneStop.Workflows.Server.Features.Supervision;

/// <summary>
/// Performance figures (domain-rules §3) over the cases completed (办结, decision issued) on a day in [from, to], per lead
/// department or per service item: on-time and early-completion rates against the promise, statutory overdue count,
/// average working days used net of suspensions, share of time suspended, and the signals fired on those cases.
/// </summary>
/// <remarks>
/// A case is on time when its decision date is on or before the promised due day of its case clock as derived now
/// (suspensions and the extension included), early when before it. A case without a promised limit is measured against
/// its statutory limit, and one without either counts as on time and not early. Overdue = decision after the statutory due day.
/// </remarks>
public static class GetFigures
{
    public sealed record Figures(
        string Key, int Completed, int OnTime, double OnTimeRate, int Early, double EarlyCompletionRate, int StatutoryOverdue,
        double AverageWorkingDaysUsed, double SuspendedShare, int Prompts, int YellowCards, int RedCards);

    public sealed record Response(string From, string To, string GroupBy, IReadOnlyList<Figures> Groups, Figures Total);

    public static void MapGetFigures(this RouteGroupBuilder api) =>
        api.MapGet("/supervision/figures", HandleAsync).RequireAuthorization(Policies.Supervision)
            .WithName("GetFigures")
            .WithSummary("Performance figures of the cases completed from..to (yyyy-MM-dd, inclusive, centre's zone), grouped by department (lead) or serviceItem.")
            .Produces<Response>().ProducesValidationProblem();

    private sealed record CaseFacts(string Key, bool OnTime, bool Early, bool StatutoryOverdue, int NetWorkingDays, int SuspendedWorkingDays, Guid CaseId);

    private static async Task<IResult> HandleAsync(
        HttpContext http, IDbContextFactory<OneStopDbContext> contexts, OfficialCalendar officialCalendar, string? from, string? to, string? groupBy,
        CancellationToken ct)
    {
        var user = CurrentUser.From(http.User)!;
        var errors = new Dictionary<string, string[]>();
        var fromDay = SupervisionQuery.Date(from, "from", errors);
        var toDay = SupervisionQuery.Date(to, "to", errors);
        if (string.IsNullOrWhiteSpace(from))
        {
            errors["from"] = ["Required: the first decision day, yyyy-MM-dd."];
        }

        if (string.IsNullOrWhiteSpace(to))
        {
            errors["to"] = ["Required: the last decision day, yyyy-MM-dd."];
        }

        SupervisionQuery.Range(fromDay, toDay, errors);
        var byItem = groupBy?.Trim().ToLowerInvariant() switch
        {
            null or "" or "department" => false,
            "serviceitem" => true,
            _ => (bool?)null,
        };
        if (byItem is null)
        {
            errors["groupBy"] = [$"'{groupBy}' is not a grouping; use department or serviceItem."];
        }

        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }

        await using var db = await contexts.CreateDbContextAsync(ct);
        var (first, last) = (fromDay!.Value, toDay!.Value);
        var cases = await CaseAccess.Visible(db, user).AsNoTracking()
            .Where(c => c.Status == CaseStatus.Completed && c.DecisionDate >= first && c.DecisionDate <= last)
            .Select(c => new { c.Id, c.LeadDepartment, c.ServiceItemCode, c.AcceptanceDate, c.DecisionDate })
            .ToListAsync(ct);

        var clocks = new Dictionary<CaseId, Clock>();
        var signals = new List<(Guid CaseId, SignalLevel Level)>();
        foreach (var chunk in cases.Select(c => c.Id).Chunk(1000))
        {
            var ids = chunk.ToList();
            foreach (var clock in await db.Clocks.AsNoTracking().Where(k => k.Kind == ClockKind.Case && ids.Contains(k.CaseId)).ToListAsync(ct))
            {
                clocks[clock.CaseId] = clock;
            }

            var guids = ids.Select(i => i.Value).ToList();
            signals.AddRange((await db.Signals.AsNoTracking().Where(s => s.FiredAt != null && guids.Contains(s.CaseId))
                .Select(s => new { s.CaseId, s.Level }).ToListAsync(ct)).Select(s => (s.CaseId, s.Level)));
        }

        var calendar = await officialCalendar.CurrentAsync(ct);
        var facts = cases.Select(c =>
        {
            var decided = c.DecisionDate!.Value;
            var accepted = c.AcceptanceDate ?? decided;
            var clock = clocks.GetValueOrDefault(c.Id);
            var deadlines = clock?.Deadlines(calendar);
            var measure = deadlines?.PromisedDue ?? deadlines?.StatutoryDue;
            var suspensions = clock?.Suspensions.Where(s => s.From <= decided)
                .Select(s => new DateRange(s.From, s.To is { } end && end < decided ? end : decided)).ToList() ?? [];
            var elapsed = calendar.WorkingDaysBetween(accepted, decided);
            var net = calendar.WorkingDaysBetween(accepted, decided, suspensions);
            return new CaseFacts(
                byItem!.Value ? c.ServiceItemCode : c.LeadDepartment,
                measure is null || decided <= measure,
                measure is { } m && decided < m,
                deadlines?.StatutoryDue is { } s && decided > s,
                net,
                elapsed - net,
                c.Id.Value);
        }).ToList();

        var groups = facts.GroupBy(f => f.Key).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => Summarise(g.Key, g.ToList(), signals)).ToList();
        return Results.Ok(new Response(IsoDate.Format(first), IsoDate.Format(last), byItem!.Value ? "serviceItem" : "department", groups,
            Summarise("total", facts, signals)));
    }

    private static Figures Summarise(string key, IReadOnlyList<CaseFacts> facts, IReadOnlyList<(Guid CaseId, SignalLevel Level)> signals)
    {
        var completed = facts.Count;
        var ids = facts.Select(f => f.CaseId).ToHashSet();
        var fired = signals.Where(s => ids.Contains(s.CaseId)).ToList();
        var onTime = facts.Count(f => f.OnTime);
        var early = facts.Count(f => f.Early);
        var net = facts.Sum(f => f.NetWorkingDays);
        var suspended = facts.Sum(f => f.SuspendedWorkingDays);
        return new Figures(
            key, completed, onTime, Rate(onTime, completed), early, Rate(early, completed), facts.Count(f => f.StatutoryOverdue),
            completed == 0 ? 0 : Math.Round((double)net / completed, 2), Rate(suspended, net + suspended),
            fired.Count(s => s.Level == SignalLevel.Prompt), fired.Count(s => s.Level == SignalLevel.Yellow), fired.Count(s => s.Level == SignalLevel.Red));
    }

    private static double Rate(int part, int whole) => whole == 0 ? 0 : Math.Round((double)part / whole, 4);
}
