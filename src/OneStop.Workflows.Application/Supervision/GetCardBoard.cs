using Microsoft.EntityFrameworkCore;
using OneStop.Workflows.Application.Cases;
using OneStop.Workflows.Domain.Cases;
using OneStop.Workflows.Domain.Clocks;
using OneStop.Workflows.Persistence;

namespace OneStop.Workflows.Application.Supervision;

/// <summary>
/// The card board (亮牌看板): the prompts, yellow and red cards fired on the cases still open (not Completed, not NotAccepted)
/// that the actor sees, counted per department or per service item. Readers and visibility as <see cref="ListSignals"/>.
/// </summary>
/// <remarks>
/// A step signal counts for its review's department, a case signal for the case's lead department (as in <see cref="ListSignals"/>);
/// both keys and the case's openness are stored on the card when it fires and cleared when the case closes (ADR 0010).
/// Deemed actions (level Action) are not cards. The counting is one grouped SQL query over the stored keys; only the rows' names are read afterwards.
/// </remarks>
public sealed class GetCardBoard(OneStopDbContext db)
{
    /// <summary>What the rows are per.</summary>
    public enum GroupBy
    {
        Department,
        ServiceItem,
    }

    public sealed record Query(GroupBy By);

    /// <param name="Key">The department code or the service item code.</param>
    /// <param name="Name">The department's or the item's name (the key when the catalogue has no such entry).</param>
    public sealed record Row(string Key, string Name, int Prompts, int Yellow, int Red);

    /// <param name="GroupBy"><c>department</c> or <c>serviceItem</c>.</param>
    /// <param name="Rows">Rows with at least one card, by key.</param>
    /// <param name="Total">The sums over the rows (key and name <c>total</c>).</param>
    public sealed record Response(string GroupBy, IReadOnlyList<Row> Rows, Row Total);

    private sealed record Count(string Key, int Prompts, int Yellow, int Red);

    public async Task<Result<Response>> ExecuteAsync(Query query, Actor actor, CancellationToken ct)
    {
        if (SupervisionAccess.CheckReader(actor) is { } refusal)
        {
            return refusal;
        }

        var byItem = query.By == GroupBy.ServiceItem;
        // The board's keys and the case's openness are stored on the card when it fires (ADR 0010): the count is read from the
        // partial indexes of the open cards alone; only a departmental actor's visibility still asks for the case.
        var cards = db.Signals.Where(s => s.FiredAt != null && s.Level != SignalLevel.Action && s.CaseOpen);
        if (!CaseAccess.SeesAllCases(actor))
        {
            var visible = CaseAccess.Visible(db, actor);
            cards = cards.Where(s => visible.Any(c => (Guid)(object)c.Id == s.CaseId));
        }

        var grouped = byItem
            ? await cards.GroupBy(s => new { Key = s.ServiceItem, s.Level }).Select(g => new { g.Key.Key, g.Key.Level, Count = g.Count() }).ToListAsync(ct)
            : await cards.GroupBy(s => new { Key = s.Department, s.Level }).Select(g => new { g.Key.Key, g.Key.Level, Count = g.Count() }).ToListAsync(ct);
        int Of(IEnumerable<(SignalLevel Level, int Count)> levels, SignalLevel level) => levels.Where(l => l.Level == level).Sum(l => l.Count);
        var counts = grouped.Where(g => g.Key is not null).GroupBy(g => g.Key!)
            .Select(g => (g.Key, Levels: g.Select(x => (x.Level, x.Count)).ToList()))
            .Select(g => new Count(g.Key, Of(g.Levels, SignalLevel.Prompt), Of(g.Levels, SignalLevel.Yellow), Of(g.Levels, SignalLevel.Red)))
            .ToList();

        var keys = counts.Select(c => c.Key).ToList();
        var names = byItem
            ? (await db.ServiceItems.AsNoTracking().Where(i => keys.Contains(i.Code)).ToListAsync(ct)).ToDictionary(i => i.Code, i => i.Data.Name)
            : await db.Departments.AsNoTracking().Where(d => keys.Contains(d.Code)).ToDictionaryAsync(d => d.Code, d => d.Name, ct);
        var rows = counts.OrderBy(c => c.Key, StringComparer.Ordinal)
            .Select(c => new Row(c.Key, names.GetValueOrDefault(c.Key) ?? c.Key, c.Prompts, c.Yellow, c.Red)).ToList();
        var total = new Row("total", "total", rows.Sum(r => r.Prompts), rows.Sum(r => r.Yellow), rows.Sum(r => r.Red));
        return new Response(byItem ? "serviceItem" : "department", rows, total);
    }
}
