using Microsoft.EntityFrameworkCore;
using OneStop.Workflows.Domain.Audit;
using OneStop.Workflows.Persistence;
using OneStop.Workflows.Server.Hosting;

namespace OneStop.Workflows.Server.Features.Cases;

/// <summary>The applicant's progress view, by case number and query password: status and dated public steps only.</summary>
public static class QueryCaseProgress
{
    public sealed record Step(string At, string Text);

    public sealed record Response(string Number, string ServiceItem, string Status, string? Decision, string? DecisionReasons, string? RemedyRights,
        string? ResultDocument, string ReceiptDate, string? AcceptanceDate, string? DecisionDate, string DeliveryMethod, string DeliveryStatus,
        string? TrackingNumber, IReadOnlyList<Step> Steps);

    public static void MapQueryCaseProgress(this RouteGroupBuilder api) =>
        api.MapGet("/public/cases/{number}", HandleAsync).AllowAnonymous()
            .WithName("QueryCaseProgress").WithSummary("Applicant's progress query: case number + query password.")
            .Produces<Response>().ProducesProblem(StatusCodes.Status404NotFound);

    private static async Task<IResult> HandleAsync(string number, string? password, IDbContextFactory<OneStopDbContext> contexts, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var c = await db.Cases.AsNoTracking().FirstOrDefaultAsync(x => x.Number == number, ct);
        // Verify against a decoy hash when the number is unknown, so both refusals cost the same time.
        if (!QueryPasswords.Verify(password ?? string.Empty, c?.QueryPasswordHash ?? QueryPasswords.DecoyHash) || c is null)
        {
            // One answer for an unknown number and a wrong password: nothing to learn by guessing.
            return Problems.NotFound("No case matches that number and password.");
        }

        var steps = await db.AuditEvents.AsNoTracking()
            .Where(e => e.CaseId == c.Id.Value && e.Visibility == AuditVisibility.Public)
            .OrderBy(e => e.At).ThenBy(e => e.Id)
            .Select(e => new Step(e.At.ToString(), e.PublicText ?? e.Action))
            .ToListAsync(ct);
        return Results.Ok(new Response(c.Number, c.ServiceItemCode, c.Status.ToString(), c.Decision?.ToString(), c.DecisionReasons, c.RemedyRights,
            c.ResultDocument, IsoDate.Format(c.ReceiptDate), IsoDate.Format(c.AcceptanceDate), IsoDate.Format(c.DecisionDate), c.DeliveryMethod.ToString(),
            c.DeliveryStatus.ToString(), c.TrackingNumber, steps));
    }
}
