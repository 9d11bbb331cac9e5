using Microsoft.EntityFrameworkCore;
using OneStop.Workflows.Application.Cases;
using OneStop.Workflows.Domain.Cases;
using OneStop.Workflows.Domain.Clocks;
using OneStop.Workflows.Domain.Shared;
using OneStop.Workflows.Persistence;
using OneStop.Workflows.Persistence.Calendar;

namespace OneStop.Workflows.Application.Clocks;

/// <summary>
/// "Why this due date" (issue 10): a staff member who sees the case reads how each of its clocks' due days follows from the start
/// day, the budget, rest days, make-up working days, suspensions and the extension. Same visibility as <see cref="GetClocks"/>.
/// </summary>
public sealed class ExplainDeadline(OneStopDbContext db, EffectiveCalendarStore calendar)
{
    /// <param name="ClockId">One clock of the case; null for all of them.</param>
    public sealed record Query(string CaseId, string? ClockId = null);

    public async Task<Result<ClockDerivationList>> ExecuteAsync(Query query, Actor actor, CancellationToken ct)
    {
        if (!CaseId.TryParse(query.CaseId, out var caseId) || !CaseAccess.SeesCases(actor) || !await CaseAccess.CanSeeAsync(db, actor, caseId, ct))
        {
            return Refusal.NotFound("No case with that id is visible to you.");
        }

        ClockId? only = null;
        if (query.ClockId is { } text)
        {
            if (!Domain.Clocks.ClockId.TryParse(text, out var id))
            {
                return Refusal.Invalid("clockId", new FieldError(FieldErrorCodes.ClockIdInvalid, "A clock id (a GUID)."));
            }

            only = id;
        }

        var cal = await calendar.CurrentAsync(ct);
        var rows = db.Clocks.AsNoTracking().Where(c => c.CaseId == caseId);
        if (only is { } one)
        {
            rows = rows.Where(c => c.Id == one);
        }

        var clocks = await rows.OrderBy(c => c.CreatedAt).ToListAsync(ct);
        if (only is not null && clocks.Count == 0)
        {
            return Refusal.NotFound("The case has no clock with that id.");
        }

        var derivations = clocks.Select(c => (Clock: c, Derivation: ClockDerivation.Of(c, cal))).ToList();
        if (derivations.FirstOrDefault(d => WalkDays(d.Derivation) > ClockDerivation.MaxWalkDays) is { Clock: not null } tooLong)
        {
            return Refusal.Invalid("clockId", new FieldError(FieldErrorCodes.ClockWalkTooLong,
                $"The walk of clock {tooLong.Clock.Id} is {WalkDays(tooLong.Derivation)} days long; at most {ClockDerivation.MaxWalkDays} are shown.")
                .With("count", WalkDays(tooLong.Derivation)).With("max", ClockDerivation.MaxWalkDays));
        }

        return new ClockDerivationList(derivations.Select(d => ClockDerivationView.From(d.Derivation, d.Clock.TaskId?.ToString())).ToList());
    }

    /// <summary>The longer walk of the clock's limits (calendar-day limits have none).</summary>
    private static int WalkDays(ClockDerivation d) => Math.Max(d.Promised?.Walk.Count ?? 0, d.Statutory?.Walk.Count ?? 0);
}
