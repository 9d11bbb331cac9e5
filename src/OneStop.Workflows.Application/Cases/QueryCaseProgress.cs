using Microsoft.EntityFrameworkCore;
using OneStop.Workflows.Domain.Audit;
using OneStop.Workflows.Domain.Shared;
using OneStop.Workflows.Persistence;

namespace OneStop.Workflows.Application.Cases;

/// <summary>
/// The applicant's progress view, by case number and query password: status and dated public steps only. Anonymous: there is
/// no actor, the password is the authorization (and the caller's door limits the attempts per case number).
/// </summary>
public sealed class QueryCaseProgress(OneStopDbContext db)
{
    private const int MaxNumberLength = 32;
    private const int MaxPasswordLength = 64;

    public sealed record Query(string? Number, string? Password);

    /// <summary>One public step of the case: its time, the audit action's name (a stable code a page can localise; issue 10) and the public text.</summary>
    public sealed record Step(string At, string Action, string Text);

    /// <summary>The case's progress; <paramref name="ServiceItemName"/> is the item's (bilingual) name (issue 10).</summary>
    public sealed record Progress(string Number, string ServiceItem, string? ServiceItemName, string Status, string? Decision, string? DecisionReasons, string? RemedyRights,
        string? ResultDocument, string ReceiptDate, string? AcceptanceDate, string? DecisionDate, string DeliveryMethod, string DeliveryStatus,
        string? TrackingNumber, IReadOnlyList<Step> Steps);

    /// <summary>Why the number and password cannot be a receipt's (missing, or longer than any), or null when they may be.</summary>
    public static string? Malformed(string? number, string? password)
    {
        if (string.IsNullOrWhiteSpace(number) || string.IsNullOrEmpty(password))
        {
            return "'number' and 'password' are required strings: the case number and the query password of the receipt.";
        }

        // Longer than any case number or query password: not worth a database round trip (nor a limiter partition).
        return number.Length > MaxNumberLength || number.Any(char.IsControl) || password.Length > MaxPasswordLength
            ? $"'number' is a case number such as 20261127-NY7VR3 (at most {MaxNumberLength} characters) and 'password' the query password of the receipt."
            : null;
    }

    public async Task<Result<Progress>> ExecuteAsync(Query query, CancellationToken ct)
    {
        if (Malformed(query.Number, query.Password) is { } malformed)
        {
            return new Refusal(RefusalKind.Invalid, RefusalCodes.InvalidRequest, malformed);
        }

        var c = await db.Cases.AsNoTracking().FirstOrDefaultAsync(x => x.Number == query.Number, ct);
        // Verify against a decoy hash when the number is unknown, so both refusals cost the same time.
        if (!QueryPasswords.Verify(query.Password!, c?.QueryPasswordHash ?? QueryPasswords.DecoyHash) || c is null)
        {
            // One answer for an unknown number and a wrong password: nothing to learn by guessing.
            return Refusal.NotFound("No case matches that number and password.");
        }

        var steps = await db.AuditEvents.AsNoTracking()
            .Where(e => e.CaseId == c.Id.Value && e.Visibility == AuditVisibility.Public)
            .OrderBy(e => e.At).ThenBy(e => e.Id)
            .Select(e => new Step(e.At.ToString(), e.Action, e.PublicText ?? e.Action))
            .ToListAsync(ct);
        var item = await db.ServiceItems.AsNoTracking().FirstOrDefaultAsync(i => i.Code == c.ServiceItemCode, ct);
        return new Progress(c.Number, c.ServiceItemCode, item?.Data.Name, c.Status.ToString(), c.Decision?.ToString(), c.DecisionReasons, c.RemedyRights,
            c.ResultDocument, IsoDate.Format(c.ReceiptDate), IsoDate.Format(c.AcceptanceDate), IsoDate.Format(c.DecisionDate), c.DeliveryMethod.ToString(),
            c.DeliveryStatus.ToString(), c.TrackingNumber, steps);
    }
}
