using NodaTime;
using OneStop.Workflows.Application.Cases;
using OneStop.Workflows.Persistence;
using OneStop.Workflows.Persistence.Calendar;

namespace OneStop.Workflows.Application.Supervision;

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
public sealed class GetFigures(OneStopDbContext db, EffectiveCalendarStore officialCalendar)
{
    /// <param name="From">The first decision day, inclusive.</param>
    /// <param name="To">The last decision day, inclusive.</param>
    /// <param name="ByServiceItem">Group by service item instead of lead department.</param>
    public sealed record Query(LocalDate From, LocalDate To, bool ByServiceItem);

    public sealed record Figures(
        string Key, int Completed, int OnTime, double OnTimeRate, int Early, double EarlyCompletionRate, int StatutoryOverdue,
        double AverageWorkingDaysUsed, double SuspendedShare, int Prompts, int YellowCards, int RedCards);

    public sealed record Response(string From, string To, string GroupBy, IReadOnlyList<Figures> Groups, Figures Total);

    public async Task<Result<Response>> ExecuteAsync(Query query, Actor actor, CancellationToken ct)
    {
        if (SupervisionAccess.CheckReader(actor) is { } refusal)
        {
            return refusal;
        }

        var byItem = query.ByServiceItem;
        var (first, last) = (query.From, query.To);
        var calendar = await officialCalendar.CurrentAsync(ct);
        var (facts, signals) = await FigureRules.LoadAsync(db, calendar, actor, first, last, c => byItem ? c.ServiceItemCode : c.LeadDepartment, ct);
        var groups = facts.GroupBy(f => f.Key).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => FigureRules.Summarise(g.Key, g.ToList(), signals)).ToList();
        return new Response(IsoDate.Format(first), IsoDate.Format(last), byItem ? "serviceItem" : "department", groups, FigureRules.Summarise("total", facts, signals));
    }
}
