using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using OneStop.Workflows.Application;
using OneStop.Workflows.Application.Cases;
using OneStop.Workflows.Application.SimulatedTime;
using OneStop.Workflows.Application.Supervision;
using OneStop.Workflows.Application.Tasks;
using OneStop.Workflows.BrowserTests.Infrastructure;
using OneStop.Workflows.Domain.People;
using OneStop.Workflows.Domain.Supervision;
using OneStop.Workflows.Server.Ui;
using static Microsoft.Playwright.Assertions;

namespace OneStop.Workflows.BrowserTests.Supervision;

/// <summary>
/// Issue 10: the supervisor's signal list narrows by service item, level and department and opens a signal's case; the figures
/// page draws its charts with the numbers as a table, and its CSV link downloads the same range as CSV.
/// </summary>
[Collection(UiServer.Collection)]
public sealed class SignalsAndFigures_Issue10Tests(UiServer server)
{
    private static readonly Actor Admin = new("admin", Role.Administrator, null);

    [Fact]
    public async Task TheSignalList_NarrowsByItemLevelAndDepartment_AndARowOpensItsCase()
    {
        var restaurant = await new CentreCases(server).AcceptedAsync(applicant: "蒋信号");
        var company = await new CentreCases(server).AcceptedAsync("company-establishment", applicant: "沈信号");
        await AdvanceClockAsync("PT480H"); // twenty days: the reviews of both cases are overdue, the sweep fires their cards

        var page = await server.SignedInAsync("supervisor");
        await page.GetByRole(AriaRole.Link, new() { Name = "预警信号" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("预警信号");
        await Expect(page.GetByTestId("signals-total")).ToBeVisibleAsync();

        // The server is shared: other tests' cases have signals too, so the page is compared with what the use case answers.
        await ChooseAsync(page, "filter-item", "企业设立登记 Company establishment registration");
        await page.GetByRole(AriaRole.Button, new() { Name = "筛选" }).ClickAsync();
        var companyOnly = await ShouldListAsync(page, new(null, null, "company-establishment", null, null, 0, 25));
        companyOnly.Items.Should().Contain(s => s.CaseNumber == company.Number, "its reviews are overdue and it is the newest case of its item");
        await Expect(page.Locator("tbody tr:not([data-item='company-establishment'])")).ToHaveCountAsync(0);

        await ChooseAsync(page, "filter-item", "开办餐饮店\"一件事\" Opening a restaurant");
        await page.GetByRole(AriaRole.Button, new() { Name = "筛选" }).ClickAsync();
        var byItem = await ShouldListAsync(page, new(null, null, "restaurant-opening", null, null, 0, 25));
        await Expect(page.Locator($"tr[data-case-number='{company.Number}']")).ToHaveCountAsync(0);
        await Expect(page.Locator("tbody tr:not([data-item='restaurant-opening'])")).ToHaveCountAsync(0);

        await ChooseAsync(page, "filter-level", "黄牌");
        await ChooseAsync(page, "filter-department", "消防救援支队");
        await page.GetByRole(AriaRole.Button, new() { Name = "筛选" }).ClickAsync();
        var narrowed = await ShouldListAsync(page, new(SignalLevel.Yellow, "fire", "restaurant-opening", null, null, 0, 25));
        narrowed.TotalCount.Should().BeGreaterThan(0).And.BeLessThan(byItem.TotalCount, "the fire reviews' yellow cards are some of the item's signals");
        await Expect(page.Locator("tbody tr:not([data-level='Yellow'][data-department='fire'])")).ToHaveCountAsync(0);
        await Expect(page.Locator("tbody tr").First).ToContainTextAsync("审查环节超时");
        await page.ShouldHaveNoSeriousViolationsAsync();
        await Screens.SaveAsync(page, "supervisor-signals");

        // A fired date range after today leaves nothing.
        await page.GetByLabel("发出日期自").FillAsync("2099-01-01");
        await page.GetByRole(AriaRole.Button, new() { Name = "筛选" }).ClickAsync();
        await Expect(page.GetByTestId("signals-empty")).ToBeVisibleAsync();
        await page.GetByLabel("发出日期自").FillAsync("");
        await page.GetByRole(AriaRole.Button, new() { Name = "筛选" }).ClickAsync();

        // Drill-down: the row's case number opens its case.
        var first = narrowed.Items[0];
        await page.Locator("tbody tr").First.GetByRole(AriaRole.Link, new() { Name = first.CaseNumber }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync($"办件 {first.CaseNumber}");
        await page.Context.CloseAsync();
    }

    // The page lists what ListSignals answers the supervisor for the same filters: the total, and the rows in order.
    private async Task<Page<ListSignals.SignalView>> ShouldListAsync(IPage page, ListSignals.Query query)
    {
        var expected = await RunAsync<ListSignals, Page<ListSignals.SignalView>>(uc => uc.ExecuteAsync(query, new Actor("supervisor", Role.Supervisor, null), default));
        await Expect(page.GetByTestId("signals-total")).ToHaveTextAsync($"共 {expected.TotalCount} 条");
        var rows = page.GetByTestId("signals").Locator("tbody tr");
        await Expect(rows).ToHaveCountAsync(expected.Items.Count);
        var shown = await rows.EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.caseNumber + ' ' + r.dataset.level + ' ' + r.dataset.department)");
        shown.Should().Equal(expected.Items.Select(s => $"{s.CaseNumber} {s.Level} {s.Department}"));
        return expected;
    }

    [Fact]
    public async Task TheFiguresPage_DrawsTheCharts_WithTheirTable_AndTheCsvLinkDownloadsTheRange()
    {
        // A case completed today (its four reviews approved), so the figures have something to count.
        var receipt = await new CentreCases(server).AcceptedAsync(applicant: "韩统计");
        foreach (var department in new[] { "market", "fire", "urban", "water" })
        {
            var reviewer = new Actor($"reviewer.{department}", Role.Reviewer, department);
            var task = await new CentreCases(server).OpenTaskAsync(receipt.Id, reviewer);
            await RunAsync<ClaimTask, TaskView>(uc => uc.ExecuteAsync(new(task.Id), reviewer, default));
            await RunAsync<DecideTask, TaskView>(uc => uc.ExecuteAsync(new(task.Id, "Approved", "同意 Approved", null, Guid.NewGuid().ToString("N")), reviewer, default));
        }

        var page = await server.SignedInAsync("supervisor");
        await page.GetByRole(AriaRole.Link, new() { Name = "绩效统计" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("绩效统计");

        await Expect(page.GetByTestId("figures").Locator("tfoot")).ToContainTextAsync("合计");

        // The total row says what the figures use case answers for the range the page shows.
        var from = NodaTime.Text.LocalDatePattern.Iso.Parse(await page.GetByLabel("办结日期自").InputValueAsync()).Value;
        var to = NodaTime.Text.LocalDatePattern.Iso.Parse(await page.GetByLabel("办结日期至").InputValueAsync()).Value;
        var expected = await RunAsync<GetFigures, GetFigures.Response>(uc => uc.ExecuteAsync(new(from, to, false), new Actor("supervisor", Role.Supervisor, null), default));
        expected.Total.Completed.Should().BeGreaterThan(0, "the case completed today is in the range");
        var total = page.GetByTestId("figures").Locator("tfoot td");
        await Expect(total.Nth(0)).ToHaveTextAsync(expected.Total.Completed.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await Expect(total.Nth(1)).ToHaveTextAsync(Server.Ui.Supervision.FigureCharts.Percent(expected.Total.OnTimeRate));
        await Expect(page.GetByTestId("figures").Locator("tr[data-key='market'] th")).ToHaveTextAsync("市场监督管理局");
        await Expect(page.GetByTestId("chart-rates").Locator("svg").First).ToBeVisibleAsync();
        await Expect(page.GetByTestId("chart-cards").Locator("svg").First).ToBeVisibleAsync();
        await Expect(page.GetByTestId("figures-months").Locator("tbody tr")).ToHaveCountAsync(12);
        await Expect(page.GetByTestId("figures").Locator("tfoot")).ToContainTextAsync("合计");
        await page.ShouldHaveNoSeriousViolationsAsync();
        await Screens.SaveAsync(page, "supervisor-figures");

        var link = page.GetByTestId("figures-csv");
        var href = await link.GetAttributeAsync("href");
        href.Should().StartWith("/api/supervision/figures.csv?from=").And.EndWith("&groupBy=department");
        var download = await page.RunAndWaitForDownloadAsync(() => link.ClickAsync());
        download.SuggestedFilename.Should().EndWith("-department.csv");

        var response = await page.Context.APIRequest.GetAsync(href!);
        response.Status.Should().Be(200);
        response.Headers["content-type"].Should().StartWith("text/csv");
        var text = await response.TextAsync();
        text.TrimStart('\uFEFF').Split('\n')[0].Trim().Should().StartWith("department,completed,onTime,onTimeRate,early,earlyCompletionRate");

        // By service item: the link follows the grouping shown.
        await page.GetByText("按事项", new() { Exact = true }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "统计" }).ClickAsync();
        await Expect(link).ToHaveAttributeAsync("href", new System.Text.RegularExpressions.Regex("groupBy=serviceItem$"));
        await page.Context.CloseAsync();
    }

    // A MudSelect: open it by its test id, pick the option by its text.
    private static async Task ChooseAsync(IPage page, string testId, string option)
    {
        await page.GetByTestId(testId).ClickAsync();
        await page.GetByRole(AriaRole.Option, new() { Name = option, Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Option)).ToHaveCountAsync(0);
    }

    private async Task<T> RunAsync<TUseCase, T>(Func<TUseCase, Task<Result<T>>> call) where TUseCase : notnull
    {
        await using var scope = server.Services.CreateAsyncScope();
        var result = await call(scope.ServiceProvider.GetRequiredService<TUseCase>());
        return result.Value ?? throw new InvalidOperationException($"{typeof(TUseCase).Name} refused: {result.Refusal}");
    }

    private async Task AdvanceClockAsync(string duration)
    {
        await using var scope = server.Services.CreateAsyncScope();
        var result = await scope.ServiceProvider.GetRequiredService<ChangeSimulatedClock>().ExecuteAsync(new(null, duration), Admin, default);
        result.Value.Should().NotBeNull(result.Refusal?.ToString());
    }
}
