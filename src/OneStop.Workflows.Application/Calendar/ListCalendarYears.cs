using Microsoft.EntityFrameworkCore;
using OneStop.Workflows.Persistence;

namespace OneStop.Workflows.Application.Calendar;

/// <summary>The years of the official calendar that are stored, oldest first (any member of staff): the administrator's calendar page.</summary>
public sealed class ListCalendarYears(OneStopDbContext db)
{
    public sealed record Query;

    /// <param name="Source">Where the national data came from (e.g. the State Council notice), as imported.</param>
    /// <param name="ImportedAt">When the year was last written (import, seed or regional change; UTC, ISO 8601).</param>
    /// <param name="ImportedBy">Who wrote it last (<c>system</c> for a shipped year seeded at start).</param>
    /// <param name="HasRegional">Whether the centre has regional adjustments for the year.</param>
    public sealed record YearSummary(int Year, string? Source, string ImportedAt, string ImportedBy, bool HasRegional);

    public sealed record Response(IReadOnlyList<YearSummary> Items);

    public async Task<Result<Response>> ExecuteAsync(Query query, Actor actor, CancellationToken ct)
    {
        var rows = await db.CalendarYears.AsNoTracking().OrderBy(r => r.Year).ToListAsync(ct);
        return new Response([.. rows.Select(r => new YearSummary(r.Year, r.Source, r.UpdatedAt.ToString(), r.UpdatedBy, r.ToRegional() is not null))]);
    }
}
