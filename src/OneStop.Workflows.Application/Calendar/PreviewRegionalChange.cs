using OneStop.Workflows.Domain.Calendar;
using OneStop.Workflows.Persistence;
using OneStop.Workflows.Persistence.Calendar;

namespace OneStop.Workflows.Application.Calendar;

/// <summary>
/// What setting the centre's regional adjustments of a year would move, before it is made (administrators): as
/// <see cref="PreviewCalendarChange"/>, with the body and checks of <see cref="SetRegionalAdjustments"/>. Writes nothing.
/// </summary>
public sealed class PreviewRegionalChange(EffectiveCalendarStore calendar, OneStopDbContext db)
{
    public async Task<Result<PreviewCalendarChange.Response>> ExecuteAsync(SetRegionalAdjustments.Command command, Actor actor, CancellationToken ct)
    {
        if ((CalendarRules.AdministratorOnly(actor) ?? CalendarRules.YearOutsideRange(command.Year)) is { } refused)
        {
            return refused;
        }

        var (adjustments, invalid) = SetRegionalAdjustments.Read(command);
        if (invalid is not null)
        {
            return invalid;
        }

        var current = await calendar.CurrentAsync(ct);
        var (change, conflict) = CalendarChangeRules.SetRegional(adjustments!, current.Year(command.Year), current.Regional(command.Year));
        return conflict ?? (Result<PreviewCalendarChange.Response>)await PreviewCalendarChange.MovedAsync(db, command.Year, current, current.With(change!.Regional!), ct);
    }
}
