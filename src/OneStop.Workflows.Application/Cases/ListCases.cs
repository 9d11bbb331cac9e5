using Microsoft.EntityFrameworkCore;
using OneStop.Workflows.Domain.Cases;
using OneStop.Workflows.Domain.Shared;
using OneStop.Workflows.Persistence;

namespace OneStop.Workflows.Application.Cases;

/// <summary>
/// Case search: the cases visible to the actor, newest first, paged (0-based); personal data masked. Also by case number
/// (a prefix, case-insensitive) and by applicant name (contains, case-insensitive) for the window's search (issue 10).
/// </summary>
public sealed class ListCases(OneStopDbContext db)
{
    /// <summary>
    /// Filters (null or empty: any) and the page; the page values are already checked by the caller's paging rule.
    /// <paramref name="Number"/>: the start of a case number (at most 32 characters); <paramref name="Applicant"/>: a part of
    /// the applicant's name (at most 100 characters).
    /// </summary>
    /// <remarks><paramref name="DeliveryStatus"/> (issue 10): e.g. <c>Pending</c>, the window's "to deliver".</remarks>
    public sealed record Query(CaseStatus? Status, string? ServiceItem, string? Department, int PageNumber, int PageSize, string? Number = null,
        string? Applicant = null, DeliveryStatus? DeliveryStatus = null);

    /// <summary>The longest number prefix a search accepts (the column's length).</summary>
    public const int MaxNumberLength = 32;

    /// <summary>The longest name part a search accepts (a submitted name's limit).</summary>
    public const int MaxApplicantLength = 100;

    public sealed record Page(IReadOnlyList<CaseSummary> Items, int TotalCount, int PageNumber, int PageSize);

    public async Task<Result<Page>> ExecuteAsync(Query query, Actor actor, CancellationToken ct)
    {
        if (!CaseAccess.SeesCases(actor))
        {
            return Refusal.Forbidden("Designers do not see applicants' cases.");
        }

        var number = string.IsNullOrWhiteSpace(query.Number) ? null : query.Number.Trim().ToUpperInvariant();
        var applicant = string.IsNullOrWhiteSpace(query.Applicant) ? null : query.Applicant.Trim().ToLowerInvariant();
        var errors = new Dictionary<string, FieldError[]>();
        if (number?.Length > MaxNumberLength)
        {
            errors["number"] = [new FieldError(FieldErrorCodes.TooLong, $"A case number has at most {MaxNumberLength} characters.").With("max", MaxNumberLength)];
        }

        if (applicant?.Length > MaxApplicantLength)
        {
            errors["applicant"] = [new FieldError(FieldErrorCodes.TooLong, $"An applicant's name has at most {MaxApplicantLength} characters.").With("max", MaxApplicantLength)];
        }

        if (errors.Count > 0)
        {
            return Refusal.Invalid(errors);
        }

        var cases = CaseAccess.Visible(db, actor).AsNoTracking();
        if (number is not null)
        {
            cases = cases.Where(c => c.Number.StartsWith(number));
        }

        if (applicant is not null)
        {
            // lower() on both providers; SQLite's lower() folds ASCII letters only (Han characters have no case).
            cases = cases.Where(c => c.Applicant.Name.ToLower().Contains(applicant));
        }

        if (query.Status is { } s)
        {
            cases = cases.Where(c => c.Status == s);
        }

        if (query.DeliveryStatus is { } delivery)
        {
            cases = cases.Where(c => c.DeliveryStatus == delivery);
        }

        if (query.ServiceItem is { } serviceItem)
        {
            cases = cases.Where(c => c.ServiceItemCode == serviceItem);
        }

        if (query.Department is { } department)
        {
            cases = cases.Where(c => c.LeadDepartment == department || db.Tasks.Any(t => t.CaseId == c.Id && t.Department == department));
        }

        await using var read = await db.ReadTransactionAsync(ct);
        var total = await cases.CountAsync(ct);
        var skip = checked((int)((long)query.PageNumber * query.PageSize));
        var items = await cases.OrderByDescending(c => c.ReceivedAt).ThenBy(c => c.Number).Skip(skip).Take(query.PageSize).ToListAsync(ct);
        await read.CompleteAsync(ct);
        return new Page(items.Select(CaseSummary.From).ToList(), total, query.PageNumber, query.PageSize);
    }
}
