using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using OneStop.Workflows.Application;
using OneStop.Workflows.Application.Cases;
using OneStop.Workflows.Application.Tasks;
using OneStop.Workflows.BrowserTests.Infrastructure;
using OneStop.Workflows.Domain.Catalogue;
using OneStop.Workflows.Domain.People;
using static Microsoft.Playwright.Assertions;

namespace OneStop.Workflows.BrowserTests.Window;

/// <summary>
/// Issue 10, the window: case search by the applicant's name (masked), the window's case page with the mail address, a
/// delivery by mail with its tracking number, and the desk accepted with the keyboard only.
/// </summary>
[Collection(UiServer.Collection)]
public sealed class WindowCase_Issue10Tests(UiServer server)
{
    private const string Address = "北京市东城区示例路 8 号 100010";

    [Fact]
    public async Task AClerk_FindsACaseByTheApplicantsName_AndRecordsTheMailDeliveryWithItsTrackingNumber_InEnglish()
    {
        var applicant = "邮寄" + Guid.NewGuid().ToString("N")[..6];
        var number = await CompletedByMailAsync(applicant);
        var page = await server.SignedInAsync("clerk.market", "en");
        await page.GetByRole(AriaRole.Navigation).GetByRole(AriaRole.Link, new() { Name = "Case search" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Case search");
        await page.GetByLabel("Applicant's name").FillAsync(applicant[2..]);
        await page.GetByRole(AriaRole.Button, new() { Name = "Search" }).ClickAsync();
        var row = page.Locator($"tr[data-case-number='{number}']");
        await Expect(page.GetByTestId("search-results").Locator("tbody tr")).ToHaveCountAsync(1);
        await Expect(row).ToContainTextAsync("Completed");
        (await row.InnerTextAsync()).Should().NotContain(applicant, "the search shows names masked");
        await page.AxeAsync();

        await row.GetByRole(AriaRole.Link, new() { Name = number }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync($"Case {number} at the window");
        await Expect(page.GetByTestId("delivery-address")).ToHaveTextAsync(Address);
        await Expect(page.GetByTestId("no-notices")).ToBeVisibleAsync();
        await page.ChooseAsync("Dispatched");
        await page.GetByLabel("Tracking number").FillAsync("SF1234567890");
        await page.AxeAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Record the delivery" }).ClickAsync();
        await Expect(page.GetByTestId("case-notice")).ToHaveTextAsync($"Delivery of case {number} recorded: Dispatched.");
        await Expect(page.GetByTestId("tracking-number")).ToHaveTextAsync("SF1234567890");
        await Expect(page.GetByTestId("delivery-status")).ToHaveTextAsync("Dispatched");
        await page.Context.CloseAsync();

        var detail = await CaseAsync(number);
        (detail.DeliveryStatus, detail.TrackingNumber).Should().Be(("Dispatched", "SF1234567890"));
    }

    [Fact]
    public async Task TheDesk_AcceptsAnApplication_WithTheKeyboardOnly()
    {
        var number = await SubmitAsync("键盘受理", DeliveryMethod.Pickup, null);
        var page = await server.SignedInAsync("clerk.market");
        await page.GotoAsync("/window/desk");
        await Expect(page.Locator($"tr[data-case-number='{number}']")).ToBeVisibleAsync();

        await page.TabToAsync($"认领案件 {number}");
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.GetByTestId("decide-panel")).ToContainTextAsync(number);
        await page.TabToAsync("受理");
        await page.Keyboard.PressAsync("Space");
        await Expect(page.GetByRole(AriaRole.Radio, new() { Name = "受理", Exact = true })).ToBeCheckedAsync();
        await page.TabToAsync("确认");
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.GetByTestId("desk-notice")).ToHaveTextAsync($"已受理案件 {number}。");
        await page.Context.CloseAsync();

        (await CaseAsync(number)).Status.Should().Be("InReview");
    }

    /// <summary>A restaurant opening delivered by mail, accepted, and approved by its four reviewing departments (through the use cases).</summary>
    private async Task<string> CompletedByMailAsync(string applicant)
    {
        var number = await SubmitAsync(applicant, DeliveryMethod.Mail, Address);
        var id = (await CaseAsync(number)).Id;
        var acceptance = await new CentreCases(server).OpenTaskAsync(id, CentreCases.MarketClerk);
        await DecideAsync(acceptance.Id, "Accepted", CentreCases.MarketClerk);
        foreach (var department in new[] { "market", "fire", "urban", "water" })
        {
            var reviewer = new Actor($"reviewer.{department}", Role.Reviewer, department);
            var review = await new CentreCases(server).OpenTaskAsync(id, reviewer);
            await DecideAsync(review.Id, "Approved", reviewer);
        }

        (await CaseAsync(number)).Status.Should().Be("Completed");
        return number;
    }

    private async Task DecideAsync(string taskId, string outcome, Actor actor)
    {
        await using var scope = server.Services.CreateAsyncScope();
        (await scope.ServiceProvider.GetRequiredService<ClaimTask>().ExecuteAsync(new ClaimTask.Command(taskId), actor, default)).Refusal.Should().BeNull();
        (await scope.ServiceProvider.GetRequiredService<DecideTask>().ExecuteAsync(new DecideTask.Command(taskId, outcome, "可以 Fine", null, Guid.NewGuid().ToString("N")), actor, default))
            .Refusal.Should().BeNull();
    }

    private async Task<string> SubmitAsync(string applicant, DeliveryMethod delivery, string? address)
    {
        await using var scope = server.Services.CreateAsyncScope();
        var submitted = await scope.ServiceProvider.GetRequiredService<SubmitCase>().ExecuteAsync(new SubmitCase.Command("restaurant-opening",
            new SubmitCase.ApplicantData(applicant, "11010519491231002X", "13700137000"), null,
            [new SubmitCase.MaterialData("Business licence 营业执照")], delivery, address), CentreCases.MarketClerk, default);
        return submitted.Value!.Number;
    }

    private async Task<CaseDetail> CaseAsync(string number)
    {
        await using var scope = server.Services.CreateAsyncScope();
        var found = await scope.ServiceProvider.GetRequiredService<ListCases>().ExecuteAsync(new ListCases.Query(null, null, null, 0, 5, Number: number), CentreCases.MarketClerk, default);
        var id = found.Value!.Items.Should().ContainSingle().Subject.Id;
        return (await scope.ServiceProvider.GetRequiredService<GetCase>().ExecuteAsync(new GetCase.Query(id), CentreCases.MarketClerk, default)).Value!;
    }
}
