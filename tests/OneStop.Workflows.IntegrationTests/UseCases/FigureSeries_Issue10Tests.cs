using System.Net;
using System.Text;
using FluentAssertions;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using OneStop.Workflows.Application;
using OneStop.Workflows.Application.Supervision;
using OneStop.Workflows.Domain.Shared;
using OneStop.Workflows.IntegrationTests.Infrastructure;
using OneStop.Workflows.Persistence.Supervision;
using OneStop.Workflows.Server.Features.Supervision;
using OneStop.Workflows.Testing;
using OneStop.Workflows.Testing.Http;

namespace OneStop.Workflows.IntegrationTests.UseCases;

/// <summary>
/// Issue 10: the figures per month and the CSV export. Three food business licences (lead market; promised 5 WD → 10-10;
/// market review due 10-09), all accepted Fri 2025-09-26, decided by approving the review (cf. FiguresTests, rows A and F):
/// <code>
/// X  decided 09-30: WD 3 (09-28, 09-29, 09-30), on time, early, no cards.
/// A  decided 10-09: WD 4, on time, early; the step prompt (10-09 00:00) → 1/0/0.
/// F  decided 10-13: WD 7, late, not overdue; step prompt, step yellow + case prompt (10-10), case yellow (10-11) → 2/2/0.
/// 2025-09: 1 completed, rates 1 and 1, 3 WD, 0/0/0.  2025-10: 2, on time 1 (0.5), early 1 (0.5), (4 + 7) / 2 = 5.5 WD, 3/2/0.  2025-11: zeros.
/// </code>
/// </summary>
public sealed class FigureSeries_Issue10Tests(PostgresServerFixture postgres) : UseCaseTestBase(postgres)
{
    [Fact]
    public async Task TheSeries_HasOneRowPerMonth_ByTheFiguresRules_AndAgreesWithGetFigures()
    {
        await ArrangeAsync();

        var series = await SeriesAsync(new(new LocalDate(2025, 9, 1), new LocalDate(2025, 11, 30)), Supervisor);
        var october = Value(await Run<GetFigures, Result<GetFigures.Response>>(u => u.ExecuteAsync(new(new(2025, 10, 1), new(2025, 10, 31), false), Supervisor, default)));
        var fireHead = await SeriesAsync(new(new LocalDate(2025, 9, 1), new LocalDate(2025, 11, 30)), Head("fire"));

        series.Months.Should().Equal(
            new GetFigureSeries.MonthFigures("2025-09", 1, 1, 1, 1, 1, 0, 3, 0, 0, 0),
            new GetFigureSeries.MonthFigures("2025-10", 2, 1, 0.5, 1, 0.5, 0, 5.5, 3, 2, 0),
            new GetFigureSeries.MonthFigures("2025-11", 0, 0, 0, 0, 0, 0, 0, 0, 0, 0));
        var total = october.Total;
        series.Months[1].Should().BeEquivalentTo(new
        {
            total.Completed, total.OnTime, total.OnTimeRate, total.Early, EarlyRate = total.EarlyCompletionRate, total.StatutoryOverdue,
            total.AverageWorkingDaysUsed, total.Prompts, Yellow = total.YellowCards, Red = total.RedCards,
        });
        fireHead.Months.Should().OnlyContain(m => m.Completed == 0, "fire neither leads nor reviews these cases");
    }

    [Theory]
    [InlineData("2025-10-02", "2025-10-01")]
    [InlineData("2024-01-01", "2026-01-01")]
    public async Task ABackwardOrTooLongRange_IsInvalid_UnderTo(string from, string to)
    {
        var query = new GetFigureSeries.Query(NodaTime.Text.LocalDatePattern.Iso.Parse(from).Value, NodaTime.Text.LocalDatePattern.Iso.Parse(to).Value);

        var refused = await Run<GetFigureSeries, Result<GetFigureSeries.Response>>(u => u.ExecuteAsync(query, Supervisor, default));
        var clerk = await Run<GetFigureSeries, Result<GetFigureSeries.Response>>(u => u.ExecuteAsync(new(new(2025, 1, 1), new(2025, 1, 31)), Clerk("market"), default));

        refused.Refusal!.Errors!.Keys.Should().Equal("to");
        clerk.Refusal!.Kind.Should().Be(RefusalKind.Forbidden);
    }

    [Fact]
    public async Task TheRoutes_AnswerTheSeries_AndTheCsv_WithBomHeaderTotalAndAttachment()
    {
        await ArrangeAsync();
        var supervisor = await Driver.As("supervisor");

        var months = await HttpJson.ReadAsync(await supervisor.GetAsync("/api/supervision/figures/months?from=2025-09-01&to=2025-10-31"), HttpStatusCode.OK);
        var tooLong = await HttpJson.ReadAsync(await supervisor.GetAsync("/api/supervision/figures/months?from=2023-09-01&to=2025-10-31"), HttpStatusCode.BadRequest);
        var csv = await supervisor.GetAsync("/api/supervision/figures.csv?from=2025-09-01&to=2025-10-31&groupBy=serviceItem");
        var monthly = await supervisor.GetAsync("/api/supervision/figures.csv?from=2025-09-01&to=2025-10-31&groupBy=month");
        var badGrouping = await HttpJson.ReadAsync(await supervisor.GetAsync("/api/supervision/figures.csv?from=2025-09-01&to=2025-10-31&groupBy=week"), HttpStatusCode.BadRequest);

        months["months"]!.AsArray().Select(m => (m!["month"]!.GetValue<string>(), m["completed"]!.GetValue<int>())).Should().Equal(("2025-09", 1), ("2025-10", 2));
        tooLong["errors"]!.AsObject().Select(e => e.Key).Should().Equal("to");
        badGrouping["errors"]!.AsObject().Select(e => e.Key).Should().Equal("groupBy");
        csv.StatusCode.Should().Be(HttpStatusCode.OK);
        csv.Content.Headers.ContentType!.ToString().Should().Be("text/csv; charset=utf-8");
        csv.Content.Headers.ContentDisposition!.DispositionType.Should().Be("attachment");
        csv.Content.Headers.ContentDisposition.FileName.Should().Be("figures-2025-09-01-2025-10-31-serviceItem.csv");
        var bytes = await csv.Content.ReadAsByteArrayAsync();
        bytes.Take(3).Should().Equal(0xEF, 0xBB, 0xBF);
        Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3).Split("\r\n").Should().Equal(
            "serviceItem,completed,onTime,onTimeRate,early,earlyCompletionRate,statutoryOverdue,averageWorkingDaysUsed,suspendedShare,prompts,yellowCards,redCards",
            "food-business-licence,3,2,0.6667,2,0.6667,0,4.67,0,3,2,0",
            "total,3,2,0.6667,2,0.6667,0,4.67,0,3,2,0",
            "");
        (await monthly.Content.ReadAsStringAsync()).TrimStart('\uFEFF').Split("\r\n").Should().Equal(
            "month,completed,onTime,onTimeRate,early,earlyRate,statutoryOverdue,averageWorkingDaysUsed,prompts,yellow,red",
            "2025-09,1,1,1,1,1,0,3,0,0,0",
            "2025-10,2,1,0.5,1,0.5,0,5.5,3,2,0",
            "");
    }

    [Theory]
    [InlineData("=SUM(A1:A2)", "'=SUM(A1:A2)")]
    [InlineData("+1", "'+1")]
    [InlineData("-2", "'-2")]
    [InlineData("@cmd", "'@cmd")]
    [InlineData("市场监督管理局 Market", "市场监督管理局 Market")]
    [InlineData("a,b", "\"a,b\"")]
    [InlineData("say \"hi\"", "\"say \"\"hi\"\"\"")]
    [InlineData("=1,2", "\"'=1,2\"")]
    public void ACell_ThatASpreadsheetWouldReadAsAFormula_IsPrefixed_AndCommasAndQuotesAreQuoted(string value, string cell) =>
        ExportFiguresEndpoints.Cell(value).Should().Be(cell);

    private async Task ArrangeAsync()
    {
        Factory.Clock.Reset(CentreTime.At("2025-09-26T09:00"));
        var x = await Driver.SubmitAndAcceptAsync("clerk.market", "food-business-licence");
        var a = await Driver.SubmitAndAcceptAsync("clerk.market", "food-business-licence");
        var f = await Driver.SubmitAndAcceptAsync("clerk.market", "food-business-licence");
        foreach (var (id, at) in new[] { (x, "2025-09-30T10:00"), (a, "2025-10-09T10:00"), (f, "2025-10-13T10:00") })
        {
            Factory.Clock.Reset(CentreTime.At(at));
            foreach (var review in await Driver.TasksAsync(id, "Review"))
            {
                var taskId = review["id"]!.GetValue<string>();
                await HttpJson.ReadAsync(await (await Driver.As("reviewer.market")).PostAsync($"/api/tasks/{taskId}/claim", null), HttpStatusCode.OK);
                await Driver.DecideOkAsync("reviewer.market", taskId, "Approved", "No objection 无异议");
            }

            (await Driver.CaseAsync(id))["status"]!.GetValue<string>().Should().Be("Completed");
        }

        Factory.Clock.Reset(CentreTime.At("2025-10-14T12:00"));
        await Factory.Services.GetRequiredService<DeadlineSweeper>().SweepAsync();
    }

    private async Task<GetFigureSeries.Response> SeriesAsync(GetFigureSeries.Query query, Actor actor) =>
        Value(await Run<GetFigureSeries, Result<GetFigureSeries.Response>>(u => u.ExecuteAsync(query, actor, default)));
}
