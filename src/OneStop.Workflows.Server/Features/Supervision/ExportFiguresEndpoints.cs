using System.Globalization;
using System.Text;
using OneStop.Workflows.Application.Supervision;
using OneStop.Workflows.Server.Hosting;

namespace OneStop.Workflows.Server.Features.Supervision;

/// <summary>
/// Route: the performance figures as a CSV file for spreadsheets — per department or service item (<see cref="GetFigures"/>, with
/// the total as the last row) or per month (<see cref="GetFigureSeries"/>). UTF-8 with a byte-order mark (so Excel reads Chinese),
/// a header row, and every cell that a spreadsheet would read as a formula (starting with = + - @) prefixed with '.
/// </summary>
public static class ExportFiguresEndpoints
{
    public const string ContentType = "text/csv; charset=utf-8";

    public static void MapExportFigures(this RouteGroupBuilder api) =>
        api.MapGet("/supervision/figures.csv", HandleAsync).RequireAuthorization(Policies.Supervision)
            .WithName("ExportFigures")
            .WithSummary("The performance figures of the cases completed from..to as CSV (UTF-8 with BOM), grouped by department (default), serviceItem or month.")
            .Produces<string>(StatusCodes.Status200OK, "text/csv").ProducesValidationProblem();

    private static async Task<IResult> HandleAsync(
        HttpContext http, GetFigures figures, GetFigureSeries series, string? from, string? to, string? groupBy, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        var fromDay = SupervisionQuery.Date(from, "from", errors);
        var toDay = SupervisionQuery.Date(to, "to", errors);
        SupervisionQuery.Required(from, "from", "Required: the first decision day, yyyy-MM-dd.", errors);
        SupervisionQuery.Required(to, "to", "Required: the last decision day, yyyy-MM-dd.", errors);
        SupervisionQuery.Range(fromDay, toDay, errors);
        var byMonth = string.Equals(groupBy?.Trim(), "month", StringComparison.OrdinalIgnoreCase);
        var byItem = byMonth ? false : SupervisionQuery.Grouping(groupBy, errors);
        if (errors.Count > 0)
        {
            if (errors.TryGetValue("groupBy", out _))
            {
                errors["groupBy"] = [$"'{InputText.Quote(groupBy!)}' is not a grouping; use department, serviceItem or month."];
            }

            return Problems.Validation(errors);
        }

        var actor = CurrentUser.From(http.User)!;
        var name = $"figures-{from!.Trim()}-{to!.Trim()}-{(byMonth ? "month" : byItem!.Value ? "serviceItem" : "department")}.csv";
        return byMonth
            ? (await series.ExecuteAsync(new(fromDay!.Value, toDay!.Value), actor, ct)).ToHttp(s => File(name, MonthRows(s)))
            : (await figures.ExecuteAsync(new(fromDay!.Value, toDay!.Value, byItem!.Value), actor, ct)).ToHttp(f => File(name, GroupRows(f)));
    }

    private static IEnumerable<IReadOnlyList<string>> GroupRows(GetFigures.Response response)
    {
        yield return [response.GroupBy, "completed", "onTime", "onTimeRate", "early", "earlyCompletionRate", "statutoryOverdue",
            "averageWorkingDaysUsed", "suspendedShare", "prompts", "yellowCards", "redCards"];
        foreach (var f in response.Groups.Append(response.Total))
        {
            yield return [f.Key, Number(f.Completed), Number(f.OnTime), Number(f.OnTimeRate), Number(f.Early), Number(f.EarlyCompletionRate),
                Number(f.StatutoryOverdue), Number(f.AverageWorkingDaysUsed), Number(f.SuspendedShare), Number(f.Prompts), Number(f.YellowCards), Number(f.RedCards)];
        }
    }

    private static IEnumerable<IReadOnlyList<string>> MonthRows(GetFigureSeries.Response response)
    {
        yield return ["month", "completed", "onTime", "onTimeRate", "early", "earlyRate", "statutoryOverdue", "averageWorkingDaysUsed", "prompts", "yellow", "red"];
        foreach (var m in response.Months)
        {
            yield return [m.Month, Number(m.Completed), Number(m.OnTime), Number(m.OnTimeRate), Number(m.Early), Number(m.EarlyRate),
                Number(m.StatutoryOverdue), Number(m.AverageWorkingDaysUsed), Number(m.Prompts), Number(m.Yellow), Number(m.Red)];
        }
    }

    private static IResult File(string name, IEnumerable<IReadOnlyList<string>> rows)
    {
        var text = new StringBuilder();
        foreach (var row in rows)
        {
            text.AppendJoin(',', row.Select(Cell)).Append("\r\n");
        }

        var bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(text.ToString())).ToArray();
        return Results.File(bytes, ContentType, name);
    }

    /// <summary>
    /// One CSV cell (RFC 4180): a cell a spreadsheet would read as a formula gets a leading ' (CSV injection); a cell with a comma,
    /// a quote or a line break is quoted, its quotes doubled.
    /// </summary>
    public static string Cell(string value)
    {
        var safe = value.Length > 0 && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r' ? "'" + value : value;
        return safe.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? $"\"{safe.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : safe;
    }

    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Number(double value) => value.ToString("0.####", CultureInfo.InvariantCulture);
}
