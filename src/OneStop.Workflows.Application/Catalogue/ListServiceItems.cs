using Microsoft.EntityFrameworkCore;
using OneStop.Workflows.Domain.Clocks;
using OneStop.Workflows.Domain.Shared;
using OneStop.Workflows.Persistence;

namespace OneStop.Workflows.Application.Catalogue;

/// <summary>
/// The service catalogue (every item with all its fields), ordered by code (any member of staff); or only the items one
/// department leads (issue 10: the window's new-application page).
/// </summary>
public sealed class ListServiceItems(OneStopDbContext db, LadderSettings centre)
{
    /// <summary>The longest department code (the column's length).</summary>
    public const int MaxDepartmentLength = 64;

    /// <param name="LeadDepartment">Only the items this department leads (null or empty: every item; an unknown code: none).</param>
    public sealed record Query(string? LeadDepartment = null);

    public sealed record Response(IReadOnlyList<ServiceItemResponse> Items);

    public async Task<Result<Response>> ExecuteAsync(Query query, Actor actor, CancellationToken ct)
    {
        var lead = string.IsNullOrWhiteSpace(query.LeadDepartment) ? null : query.LeadDepartment.Trim();
        if (lead?.Length > MaxDepartmentLength)
        {
            return Refusal.Invalid("leadDepartment", $"A department code has at most {MaxDepartmentLength} characters.");
        }

        // The item's fields are one JSON column: the (small) catalogue is filtered after the read.
        var items = await db.ServiceItems.AsNoTracking().OrderBy(i => i.Code).ToListAsync(ct);
        return new Response([.. items.Where(i => lead is null || i.Data.LeadDepartment == lead).Select(i => ServiceItemResponse.From(i, centre))]);
    }
}
