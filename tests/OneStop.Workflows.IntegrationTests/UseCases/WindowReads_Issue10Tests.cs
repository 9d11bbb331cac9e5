using OneStop.Workflows.Application;
using OneStop.Workflows.Application.Cases;
using OneStop.Workflows.Application.Catalogue;
using OneStop.Workflows.Domain.Audit;
using OneStop.Workflows.Domain.Cases;
using OneStop.Workflows.Domain.Shared;
using OneStop.Workflows.IntegrationTests.Infrastructure;

namespace OneStop.Workflows.IntegrationTests.UseCases;

/// <summary>Issue 10: the progress page's action codes and item name, the lead department's items, the cases to deliver.</summary>
public sealed class WindowReads_Issue10Tests(PostgresServerFixture postgres) : UseCaseTestBase(postgres)
{
    private async Task<CaseId> CompletedFoodLicenceAsync()
    {
        var caseId = new CaseId(Guid.Parse(await Driver.SubmitAndAcceptAsync("clerk.market", "food-business-licence")));
        var review = await OpenTaskAsync(caseId, TaskKind.Review, "market");
        Value(await DecideAsync(review.Id, "Approved", Reviewer("market"), "Conditions met 符合条件"));
        return caseId;
    }

    [Fact]
    public async Task Progress_NamesEachStepsAction_AndTheItem()
    {
        var receipt = Value(await SubmitAsync(Clerk("market"), "food-business-licence"));
        var caseId = new CaseId(Guid.Parse(receipt.Id));
        Value(await DecideAsync((await OpenTaskAsync(caseId, TaskKind.Acceptance, "market")).Id, "Accepted", Clerk("market"), null));

        var progress = Value(await Run<QueryCaseProgress, Result<QueryCaseProgress.Progress>>(u => u.ExecuteAsync(new(receipt.Number, receipt.QueryPassword), default)));
        var item = Value(await Run<GetServiceItem, Result<ServiceItemResponse>>(u => u.ExecuteAsync(new("food-business-licence"), Clerk("market"), default)));

        progress.ServiceItem.Should().Be("food-business-licence");
        progress.ServiceItemName.Should().Be(item.Name);
        progress.Steps.Select(s => s.Action).Should().StartWith([AuditActions.CaseSubmitted]).And.Contain(AuditActions.CaseAccepted);
        progress.Steps[0].Text.Should().Be("Application received 已收件", "the public text is as before");
        progress.Steps.Should().OnlyContain(s => s.Action.Length > 0 && !s.Action.Contains(' '), "an action is a code, not a text");
    }

    [Fact]
    public async Task ServiceItems_OfALeadDepartment_AreTheCataloguesItemsItLeads()
    {
        var all = Value(await Run<ListServiceItems, Result<ListServiceItems.Response>>(u => u.ExecuteAsync(new(), Clerk("market"), default))).Items;

        var market = Value(await Run<ListServiceItems, Result<ListServiceItems.Response>>(u => u.ExecuteAsync(new(" market "), Clerk("market"), default))).Items;
        var unknown = Value(await Run<ListServiceItems, Result<ListServiceItems.Response>>(u => u.ExecuteAsync(new("no-such-department"), Clerk("market"), default))).Items;
        var blank = Value(await Run<ListServiceItems, Result<ListServiceItems.Response>>(u => u.ExecuteAsync(new(""), Clerk("market"), default))).Items;
        var tooLong = await Run<ListServiceItems, Result<ListServiceItems.Response>>(u => u.ExecuteAsync(new(new string('d', 65)), Clerk("market"), default));

        market.Select(i => i.Code).Should().Equal(all.Where(i => i.LeadDepartment == "market").Select(i => i.Code)).And.Contain("restaurant-opening");
        market.Count.Should().BeLessThan(all.Count, "other departments lead items too");
        unknown.Should().BeEmpty();
        blank.Should().HaveCount(all.Count);
        tooLong.Refusal!.Kind.Should().Be(RefusalKind.Invalid);
        tooLong.Refusal.Errors!.Keys.Should().Equal("leadDepartment");
    }

    [Fact]
    public async Task Cases_ByDeliveryStatus_ListTheCompletedCasesToDeliver()
    {
        var done = await CompletedFoodLicenceAsync();
        var open = Value(await SubmitAsync(Clerk("market"), "food-business-licence"));

        var pending = Value(await Run<ListCases, Result<ListCases.Page>>(u => u.ExecuteAsync(new(null, null, null, 0, 20, DeliveryStatus: DeliveryStatus.Pending), Clerk("market"), default)));
        var notReady = Value(await Run<ListCases, Result<ListCases.Page>>(u => u.ExecuteAsync(new(null, null, null, 0, 20, DeliveryStatus: DeliveryStatus.NotReady), Clerk("market"), default)));
        var completedPending = Value(await Run<ListCases, Result<ListCases.Page>>(u => u.ExecuteAsync(
            new(CaseStatus.Completed, null, null, 0, 20, DeliveryStatus: DeliveryStatus.Pending), Clerk("market"), default)));
        var otherWindow = Value(await Run<ListCases, Result<ListCases.Page>>(u => u.ExecuteAsync(new(null, null, null, 0, 20, DeliveryStatus: DeliveryStatus.Pending), Clerk("housing"), default)));

        pending.Items.Select(c => (c.Id, c.Status, c.DeliveryStatus)).Should().Equal((done.ToString(), "Completed", "Pending"));
        pending.TotalCount.Should().Be(1);
        notReady.Items.Select(c => c.Id).Should().Equal(open.Id);
        completedPending.Items.Select(c => c.Id).Should().Equal(done.ToString());
        otherWindow.Items.Should().BeEmpty("the filter keeps the visibility rule");
    }
}
