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
/// A step signal counts for its review's department, a case signal for the case's lead department (as in <see cref="ListSignals"/>).
/// Deemed actions (level Action) are not cards. The counting is one grouped SQL query; only the rows' names are read afterwards.
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
        var open = CaseAccess.Visible(db, actor).Where(c => c.Status != CaseStatus.Completed && c.Status != CaseStatus.NotAccepted);
        var cards = db.Signals.Where(s => s.FiredAt != null && s.Level != SignalLevel.Action);
        // (Guid)(object) lets EF compare the converted CaseId / TaskId columns with the signal's Guid columns (as in ListSignals).
        var keyed = byItem
            ? from s in cards
              join c in open on s.CaseId equals (Guid)(object)c.Id
              select new { s.Level, Key = c.ServiceItemCode }
            : from s in cards
              join c in open on s.CaseId equals (Guid)(object)c.Id
              join t in db.Tasks on (s.SubjectKind == ClockKind.Step ? (Guid?)s.SubjectId : null) equals (Guid?)(object)t.Id into tasks
              from t in tasks.DefaultIfEmpty()
              select new { s.Level, Key = t == null ? c.LeadDepartment : t.Department };
        var counts = await keyed.GroupBy(x => x.Key)
            .Select(g => new Count(g.Key, g.Count(x => x.Level == SignalLevel.Prompt), g.Count(x => x.Level == SignalLevel.Yellow), g.Count(x => x.Level == SignalLevel.Red)))
            .ToListAsync(ct);

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
