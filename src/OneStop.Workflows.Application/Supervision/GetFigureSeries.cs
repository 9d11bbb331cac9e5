using NodaTime;
using NodaTime.Text;
using OneStop.Workflows.Application.Cases;
using OneStop.Workflows.Domain.Shared;
using OneStop.Workflows.Persistence;
using OneStop.Workflows.Persistence.Calendar;

namespace OneStop.Workflows.Application.Supervision;

/// <summary>
/// The performance figures per calendar month of the decision day (the charts of the figures page): for each month from the month
/// of <c>From</c> to that of <c>To</c>, the cases completed on a day in [From, To] within it, measured by the rules of
/// <see cref="GetFigures"/> (on time, early, working days, and the cards fired on those cases). Months without cases are zero.
/// </summary>
public sealed class GetFigureSeries(OneStopDbContext db, EffectiveCalendarStore officialCalendar)
{
    /// <summary>The longest series, in months.</summary>
    public const int MaxMonths = 24;

    private static readonly LocalDatePattern MonthPattern = LocalDatePattern.CreateWithInvariantCulture("uuuu'-'MM");

    /// <param name="From">The first decision day, inclusive.</param>
    /// <param name="To">The last decision day, inclusive.</param>
    public sealed record Query(LocalDate From, LocalDate To);

    /// <param name="Month"><c>yyyy-MM</c>.</param>
    /// <param name="OnTimeRate">As <see cref="GetFigures.Figures.OnTimeRate"/> (0 for a month without cases).</param>
    /// <param name="EarlyRate">As <see cref="GetFigures.Figures.EarlyCompletionRate"/>.</param>
    /// <param name="Prompts">Prompts fired on the month's completed cases (likewise <paramref name="Yellow"/>, <paramref name="Red"/>).</param>
    public sealed record MonthFigures(
        string Month, int Completed, int OnTime, double OnTimeRate, int Early, double EarlyRate, int StatutoryOverdue,
        double AverageWorkingDaysUsed, int Prompts, int Yellow, int Red);

    public sealed record Response(string From, string To, IReadOnlyList<MonthFigures> Months);

    public async Task<Result<Response>> ExecuteAsync(Query query, Actor actor, CancellationToken ct)
    {
        if (SupervisionAccess.CheckReader(actor) is { } refusal)
        {
            return refusal;
        }

        var (first, last) = (query.From, query.To);
        if (first > last)
        {
            return Refusal.Invalid("to", new FieldError(FieldErrorCodes.RangeBackwards, $"'to' ({IsoDate.Format(last)}) is before 'from' ({IsoDate.Format(first)}).")
                .With("from", IsoDate.Format(first)).With("to", IsoDate.Format(last)));
        }

        var spanned = ((last.Year - first.Year) * 12) + last.Month - first.Month + 1;
        if (spanned > MaxMonths)
        {
            return Refusal.Invalid("to", new FieldError(FieldErrorCodes.FiguresTooManyMonths, $"At most {MaxMonths} months: {IsoDate.Format(first)} to {IsoDate.Format(last)} spans {spanned}.")
                .With("max", MaxMonths).With("from", IsoDate.Format(first)).With("to", IsoDate.Format(last)).With("count", spanned));
        }

        var months = Months(first, last);

        var calendar = await officialCalendar.CurrentAsync(ct);
        var (facts, signals) = await FigureRules.LoadAsync(db, calendar, actor, first, last, c => MonthPattern.Format(c.DecisionDate), ct);
        var byMonth = facts.GroupBy(f => f.Key).ToDictionary(g => g.Key, g => g.ToList());
        var series = months.Select(month =>
        {
            var f = FigureRules.Summarise(month, byMonth.GetValueOrDefault(month) ?? [], signals);
            return new MonthFigures(month, f.Completed, f.OnTime, f.OnTimeRate, f.Early, f.EarlyCompletionRate, f.StatutoryOverdue,
                f.AverageWorkingDaysUsed, f.Prompts, f.YellowCards, f.RedCards);
        }).ToList();
        return new Response(IsoDate.Format(first), IsoDate.Format(last), series);
    }

    /// <summary>The months from that of <paramref name="first"/> to that of <paramref name="last"/>, as <c>yyyy-MM</c>.</summary>
    private static List<string> Months(LocalDate first, LocalDate last)
    {
        var months = new List<string>();
        for (var month = new LocalDate(first.Year, first.Month, 1); month <= last; month = month.PlusMonths(1))
        {
            months.Add(MonthPattern.Format(month));
        }

        return months;
    }
}
