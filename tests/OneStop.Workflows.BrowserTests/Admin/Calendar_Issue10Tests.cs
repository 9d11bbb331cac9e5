using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using NodaTime;
using OneStop.Workflows.Application;
using OneStop.Workflows.Application.Calendar;
using OneStop.Workflows.BrowserTests.Infrastructure;
using OneStop.Workflows.Domain.People;
using OneStop.Workflows.Domain.Calendar;
using static Microsoft.Playwright.Assertions;

namespace OneStop.Workflows.BrowserTests.Admin;

/// <summary>Issue 10: the calendar page shows which open deadlines a change would move before the change is made.</summary>
[Collection(UiServer.Collection)]
public sealed class Calendar_Issue10Tests(UiServer server)
{
    private static readonly Actor Admin = new("admin", Role.Administrator, null);

    [Fact]
    public async Task AChangeToThisYear_IsPreviewedWithTheDeadlinesItMoves_AndNothingIsSavedUnconfirmed()
    {
        var receipt = await new CentreCases(server).AcceptedAsync(applicant: "孙日历");
        var (year, json) = await RestFromTomorrowAsync();
        var page = await server.SignedInAsync("admin");
        await page.GetByRole(AriaRole.Link, new() { Name = "工作日历" }).First.ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("工作日历");

        var form = page.GetByTestId("import-form");
        await form.GetByLabel("年份").FillAsync(year.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await form.GetByLabel("日历 JSON").FillAsync(json);
        await Expect(form.GetByRole(AriaRole.Button, new() { Name = "确认导入" })).ToBeDisabledAsync(); // not before the preview
        await form.GetByRole(AriaRole.Button, new() { Name = "预览影响" }).ClickAsync();
        await Expect(form.Locator($"tr[data-case-number='{receipt.Number}']").First).ToContainTextAsync("→");
        await Expect(form.GetByRole(AriaRole.Button, new() { Name = "确认导入" })).ToBeEnabledAsync();
        await page.ShouldHaveNoSeriousViolationsAsync();
        await Screens.SaveAsync(page, "administrator-calendar");

        // Changing the text withdraws the preview: the import needs a preview of exactly what it imports.
        await form.GetByLabel("日历 JSON").FillAsync(json + " ");
        await Expect(form.GetByTestId("moved-deadlines")).ToHaveCountAsync(0);
        await Expect(form.GetByRole(AriaRole.Button, new() { Name = "确认导入" })).ToBeDisabledAsync();
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task AFarYear_IsPreviewed_Imported_AndListed_AndItsRegionalAdjustmentsSetAndRemoved()
    {
        var year = 2150 + Random.Shared.Next(40);
        // About 17 weekdays off: a national year has 240 to 255 working days.
        var json = $$"""{"restDays":[{"from":"{{year}}-01-01","to":"{{year}}-01-03"},{"from":"{{year}}-02-01","to":"{{year}}-02-14"},{"from":"{{year}}-10-01","to":"{{year}}-10-07"}],"makeUpWorkingDays":[],"source":"测试通知 {{year}}"}""";
        var page = await server.SignedInAsync("admin");
        await page.GotoAsync("/admin/calendar");
        var form = page.GetByTestId("import-form");
        await form.GetByLabel("年份").FillAsync(year.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await form.GetByLabel("日历 JSON").FillAsync("{ not json");
        await form.GetByRole(AriaRole.Button, new() { Name = "预览影响" }).ClickAsync();
        await Expect(form.GetByLabel("日历 JSON")).ToHaveAttributeAsync("aria-invalid", "true");

        await form.GetByLabel("日历 JSON").FillAsync(json);
        await form.GetByRole(AriaRole.Button, new() { Name = "预览影响" }).ClickAsync();
        await Expect(form.GetByTestId("moved-none")).ToBeVisibleAsync();
        await form.GetByRole(AriaRole.Button, new() { Name = "确认导入" }).ClickAsync();
        await Expect(form.GetByTestId("calendar-saved")).ToContainTextAsync(year.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await Expect(page.Locator($"tr[data-year='{year}']")).ToContainTextAsync("测试通知");
        await Expect(page.GetByTestId("calendar-year")).ToContainTextAsync($"{year} 年");

        // The year's regional adjustments: previewed, set, shown on the year, removed after a confirmation.
        var regional = page.GetByTestId("regional-form");
        await regional.GetByLabel("年份").FillAsync(year.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await regional.GetByLabel("日历 JSON").FillAsync(
            $$"""{"region":"450000 广西壮族自治区","restDays":[{"from":"{{year}}-04-14","to":"{{year}}-04-16","name":"三月三"}],"makeUpWorkingDays":[],"source":"区政府通知"}""");
        await regional.GetByRole(AriaRole.Button, new() { Name = "预览影响" }).ClickAsync();
        await Expect(regional.GetByTestId("moved-none")).ToBeVisibleAsync();
        await regional.GetByRole(AriaRole.Button, new() { Name = "确认设置" }).ClickAsync();
        await Expect(page.GetByTestId("calendar-year").GetByTestId("regional")).ToContainTextAsync("广西壮族自治区");
        await Expect(page.GetByTestId("calendar-year")).ToContainTextAsync("三月三");
        await page.GetByRole(AriaRole.Button, new() { Name = "移除地方调整" }).ClickAsync();
        await page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "移除地方调整" }).ClickAsync();
        await Expect(page.GetByTestId("calendar-year")).ToContainTextAsync("本年度没有地方调整");
        await page.Context.CloseAsync();
    }

    /// <summary>
    /// The year of tomorrow as it is, with a few more rest days from tomorrow on (clear of its holidays): open deadlines move,
    /// and the year keeps a working-day count a national year may have.
    /// </summary>
    private async Task<(int Year, string Json)> RestFromTomorrowAsync()
    {
        var zone = server.Services.GetRequiredService<CentreTimeZone>().Zone;
        var tomorrow = server.Services.GetRequiredService<NodaTime.IClock>().GetCurrentInstant().InZone(zone).Date.PlusDays(1);
        await using var scope = server.Services.CreateAsyncScope();
        var current = (await scope.ServiceProvider.GetRequiredService<GetCalendarYear>().ExecuteAsync(new(tomorrow.Year), Admin, default)).Value;
        var rest = current?.RestDays.Select(r => (From: Parse(r.From!), To: Parse(r.To!))).ToList() ?? [];
        var makeUp = current?.MakeUpWorkingDays.Select(Parse).ToList() ?? [];
        var length = current is null ? 13 : 4; // a year never imported counts every weekday
        var from = tomorrow;
        while (rest.Any(r => r.From <= from.PlusDays(length) && from <= r.To) || makeUp.Any(d => from <= d && d <= from.PlusDays(length)))
        {
            from = from.PlusDays(7);
        }

        var to = LocalDate.Min(from.PlusDays(length), new LocalDate(tomorrow.Year, 12, 31));
        var body = new
        {
            restDays = rest.Append((From: from, To: to)).OrderBy(r => r.From).Select(r => new { from = Iso(r.From), to = Iso(r.To) }),
            makeUpWorkingDays = makeUp.Select(Iso),
            source = "预览测试",
        };
        return (tomorrow.Year, JsonSerializer.Serialize(body, new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }));
    }

    private static LocalDate Parse(string text) => NodaTime.Text.LocalDatePattern.Iso.Parse(text).Value;

    private static string Iso(LocalDate date) => NodaTime.Text.LocalDatePattern.Iso.Format(date);
}
