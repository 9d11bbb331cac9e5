using Microsoft.EntityFrameworkCore;
using OneStop.Workflows.Domain.Cases;
using OneStop.Workflows.Persistence.Supervision;

namespace OneStop.Workflows.Application.Supervision;

/// <summary>An alert as the API lists it and the hub pushes it. Instants are ISO 8601 UTC; <see cref="CaseId"/> as in the case routes.</summary>
public sealed record AlertView(
    string Id, string SignalId, string CaseId, string? CaseNumber, string Level, string Rule, string Basis, string CreatedAt,
    string? AcknowledgedAt, string? AcknowledgedBy)
{
    /// <summary>The alert's view; <paramref name="caseNumber"/> from <see cref="CaseNumbers"/>.</summary>
    public static AlertView From(AlertRow alert, string? caseNumber) => new(
        alert.Id.ToString(), alert.SignalId.ToString(), new CaseId(alert.CaseId).ToString(), caseNumber, alert.Level.ToString(), alert.Rule, alert.Basis,
        alert.CreatedAt.ToString(), alert.AcknowledgedAt?.ToString(), alert.AcknowledgedBy);
}

/// <summary>Case numbers by case id, for views of rows that carry only the id.</summary>
public static class CaseNumbers
{
    /// <summary>The numbers of the cases with these ids (unknown ids are left out).</summary>
    public static async Task<Dictionary<Guid, string>> LoadAsync(OneStop.Workflows.Persistence.OneStopDbContext db, IEnumerable<Guid> caseIds, CancellationToken ct)
    {
        var numbers = new Dictionary<Guid, string>();
        foreach (var chunk in caseIds.Distinct().Select(g => new CaseId(g)).Chunk(1000))
        {
            var ids = chunk.ToList();
            var rows = await db.Cases.AsNoTracking().Where(c => ids.Contains(c.Id)).Select(c => new { c.Id, c.Number }).ToListAsync(ct);
            foreach (var row in rows)
            {
                numbers[row.Id.Value] = row.Number;
            }
        }

        return numbers;
    }
}
