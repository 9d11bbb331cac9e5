using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using NodaTime;
using OneStop.Workflows.BrowserTests.Infrastructure;
using OneStop.Workflows.Domain.Calendar;
using static Microsoft.Playwright.Assertions;

namespace OneStop.Workflows.BrowserTests.Admin;

/// <summary>Issue 10: the calendar page shows which open deadlines a change would move before the change is made.</summary>
[Collection(UiServer.Collection)]
public sealed class Calendar_Issue10Tests(UiServer server)
{
    [Fact]
    public async Task AChangeToThisYear_IsPreviewedWithTheDeadlinesItMoves_AndNothingIsSavedUnconfirmed()
    {
        var receipt = await new CentreCases(server).AcceptedAsync(applicant: "孙日历");
        var (year, json) = RestFromTomorrow();
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
    public async Task AFarYear_IsPreviewed_ThenImported_AndListed()
    {
        var year = 2150 + Random.Shared.Next(40);
        var json = $$"""{"restDays":[{"from":"{{year}}-01-01","to":"{{year}}-01-03"}],"makeUpWorkingDays":[],"source":"测试通知 {{year}}"}""";
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
        await page.Context.CloseAsync();
    }

    /// <summary>A national year whose rest days run from tomorrow for three weeks (within the year): open deadlines move.</summary>
    private (int Year, string Json) RestFromTomorrow()
    {
        var zone = server.Services.GetRequiredService<CentreTimeZone>().Zone;
        var tomorrow = server.Services.GetRequiredService<NodaTime.IClock>().GetCurrentInstant().InZone(zone).Date.PlusDays(1);
        var last = LocalDate.Min(tomorrow.PlusDays(21), new LocalDate(tomorrow.Year, 12, 31));
        var body = new { restDays = new[] { new { from = Iso(tomorrow), to = Iso(last) } }, makeUpWorkingDays = Array.Empty<string>(), source = "预览测试" };
        return (tomorrow.Year, JsonSerializer.Serialize(body));
    }

    private static string Iso(LocalDate date) => NodaTime.Text.LocalDatePattern.Iso.Format(date);
}
