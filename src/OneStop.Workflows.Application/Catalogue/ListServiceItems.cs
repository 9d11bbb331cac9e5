using Microsoft.EntityFrameworkCore;
using OneStop.Workflows.Domain.Clocks;
using OneStop.Workflows.Domain.Shared;
using OneStop.Workflows.Persistence;

namespace OneStop.Workflows.Application.Catalogue;

/// <summary>
/// The service catalogue (every item with all its fields), ordered by code (any member of staff); or only the items one
/// department leads, or that any of several departments leads (issue 10: the window's new-application page lists the items
/// of every department the clerk works for, as <c>SubmitCase</c> accepts them).
/// </summary>
public sealed class ListServiceItems(OneStopDbContext db, LadderSettings centre)
{
    /// <summary>The longest department code (the column's length).</summary>
    public const int MaxDepartmentLength = 64;

    /// <param name="LeadDepartment">Only the items this department leads (null or empty: every item; an unknown code: none).</param>
    /// <param name="LeadDepartments">Only the items one of these departments leads (null: no such filter; empty: none).</param>
    public sealed record Query(string? LeadDepartment = null, IReadOnlyList<string>? LeadDepartments = null);

    public sealed record Response(IReadOnlyList<ServiceItemResponse> Items);

    public async Task<Result<Response>> ExecuteAsync(Query query, Actor actor, CancellationToken ct)
    {
        var lead = string.IsNullOrWhiteSpace(query.LeadDepartment) ? null : query.LeadDepartment.Trim();
        if (lead?.Length > MaxDepartmentLength)
        {
            return Refusal.Invalid("leadDepartment", new FieldError(FieldErrorCodes.TooLong, $"A department code has at most {MaxDepartmentLength} characters.").With("max", MaxDepartmentLength));
        }

        // The item's fields are one JSON column: the (small) catalogue is filtered after the read.
        var items = await db.ServiceItems.AsNoTracking().OrderBy(i => i.Code).ToListAsync(ct);
        var leads = query.LeadDepartments?.ToHashSet(StringComparer.Ordinal);
        return new Response([.. items
            .Where(i => lead is null || i.Data.LeadDepartment == lead)
            .Where(i => leads is null || leads.Contains(i.Data.LeadDepartment))
            .Select(i => ServiceItemResponse.From(i, centre))]);
    }
}
