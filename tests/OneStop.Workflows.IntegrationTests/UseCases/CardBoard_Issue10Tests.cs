using System.Net;
using FluentAssertions;
using Microsoft.Extensions.DependencyInjection;
using OneStop.Workflows.Application;
using OneStop.Workflows.Application.Supervision;
using OneStop.Workflows.Domain.Shared;
using OneStop.Workflows.IntegrationTests.Infrastructure;
using OneStop.Workflows.Persistence.Supervision;
using OneStop.Workflows.Testing;
using OneStop.Workflows.Testing.Http;

namespace OneStop.Workflows.IntegrationTests.UseCases;

/// <summary>
/// Issue 10: the card board counts the fired cards of open cases, per department or service item, for the actor's cases.
/// <code>
/// Accepted Fri 2025-09-26 (2025 calendar: 10-01..10-08 rest, Sun 09-28 and Sat 10-11 make-up working days; docs/supervision.md ladder):
///   F1 food-business-licence (lead market; market review 4 WD → due 10-09; promised 5 WD → 10-10; red at the end of 10-13): open.
///        step prompt 10-09 00:00, step yellow + case prompt 10-10 00:00, case yellow 10-11 00:00, case red 10-14 00:00 → market 2/2/1.
///   F2 food-business-licence: swept at 10-10 08:00 (step prompt, step yellow, case prompt fired), then approved 10-10 09:00 → Completed: not counted.
///   C1 construction-permit (lead housing; reviews airdefence 2 WD → 09-29, housing and fire 3 WD → 09-30; promised 3 WD → 09-30;
///        statutory 7 days → 10-03, a rest day → 10-09): open. airdefence prompt 09-29, yellow 09-30; housing and fire prompt 09-30,
///        yellow 10-01; case prompt 09-30, yellow 10-01, red at the end of 10-09 → housing 2/2/1, fire 1/1/0, airdefence 1/1/0.
/// Swept again at 10-14 12:00.
/// </code>
/// </summary>
public sealed class CardBoard_Issue10Tests(PostgresServerFixture postgres) : UseCaseTestBase(postgres)
{
    private static readonly Actor Admin = new("admin", Domain.People.Role.Administrator, null);

    [Fact]
    public async Task TheBoard_CountsTheFiredCardsOfOpenCases_PerDepartmentOrItem_ForTheCasesTheActorSees()
    {
        await ArrangeAsync();

        var byDepartment = await BoardAsync(GetCardBoard.GroupBy.Department, Supervisor);
        var byItem = await BoardAsync(GetCardBoard.GroupBy.ServiceItem, Admin);
        var fireHead = await BoardAsync(GetCardBoard.GroupBy.Department, Head("fire"));
        var marketHead = await BoardAsync(GetCardBoard.GroupBy.ServiceItem, Head("market"));

        byDepartment.GroupBy.Should().Be("department");
        Counts(byDepartment).Should().Equal(("airdefence", 1, 1, 0), ("fire", 1, 1, 0), ("housing", 2, 2, 1), ("market", 2, 2, 1));
        (byDepartment.Total.Prompts, byDepartment.Total.Yellow, byDepartment.Total.Red).Should().Be((6, 6, 2));
        byDepartment.Rows.Single(r => r.Key == "market").Name.Should().Contain("市场监督管理局");
        byItem.GroupBy.Should().Be("serviceItem");
        Counts(byItem).Should().Equal(("construction-permit", 4, 4, 1), ("food-business-licence", 2, 2, 1));
        byItem.Rows.Should().OnlyContain(r => r.Name != r.Key, "the items' names come from the catalogue");
        Counts(fireHead).Should().Equal(("airdefence", 1, 1, 0), ("fire", 1, 1, 0), ("housing", 2, 2, 1));
        Counts(marketHead).Should().Equal(("food-business-licence", 2, 2, 1));
    }

    [Fact]
    public async Task WithNoCards_TheBoardIsEmpty_AndWindowStaffAreForbidden()
    {
        var empty = await BoardAsync(GetCardBoard.GroupBy.Department, Supervisor);
        var refused = await Run<GetCardBoard, Result<GetCardBoard.Response>>(u => u.ExecuteAsync(new(GetCardBoard.GroupBy.Department), Clerk("market"), default));

        empty.Rows.Should().BeEmpty();
        empty.Total.Should().Be(new GetCardBoard.Row("total", "total", 0, 0, 0));
        refused.Refusal!.Kind.Should().Be(RefusalKind.Forbidden);
    }

    [Fact]
    public async Task TheRoute_AnswersTheBoard_AndRefusesAnUnknownGrouping()
    {
        await ArrangeAsync();
        var supervisor = await Driver.As("supervisor");

        var board = await HttpJson.ReadAsync(await supervisor.GetAsync("/api/supervision/board?groupBy=serviceItem"), HttpStatusCode.OK);
        var problem = await HttpJson.ReadAsync(await supervisor.GetAsync("/api/supervision/board?groupBy=month"), HttpStatusCode.BadRequest);

        board["groupBy"]!.GetValue<string>().Should().Be("serviceItem");
        board["rows"]!.AsArray().Select(r => (r!["key"]!.GetValue<string>(), r["prompts"]!.GetValue<int>(), r["yellow"]!.GetValue<int>(), r["red"]!.GetValue<int>()))
            .Should().Equal(("construction-permit", 4, 4, 1), ("food-business-licence", 2, 2, 1));
        problem["errors"]!.AsObject().Select(e => e.Key).Should().Equal("groupBy");
    }

    private async Task ArrangeAsync()
    {
        Factory.Clock.Reset(CentreTime.At("2025-09-26T09:00"));
        await Driver.SubmitAndAcceptAsync("clerk.market", "food-business-licence");
        var completed = await Driver.SubmitAndAcceptAsync("clerk.market", "food-business-licence");
        await Driver.SubmitAndAcceptAsync("clerk.housing", "construction-permit");

        Factory.Clock.Reset(CentreTime.At("2025-10-10T08:00"));
        await SweepAsync();
        Factory.Clock.Reset(CentreTime.At("2025-10-10T09:00"));
        foreach (var review in await Driver.TasksAsync(completed, "Review"))
        {
            var id = review["id"]!.GetValue<string>();
            await HttpJson.ReadAsync(await (await Driver.As("reviewer.market")).PostAsync($"/api/tasks/{id}/claim", null), HttpStatusCode.OK);
            await Driver.DecideOkAsync("reviewer.market", id, "Approved", "No objection 无异议");
        }

        (await Driver.CaseAsync(completed))["status"]!.GetValue<string>().Should().Be("Completed");
        Factory.Clock.Reset(CentreTime.At("2025-10-14T12:00"));
        await SweepAsync();
    }

    private Task<int> SweepAsync() => Factory.Services.GetRequiredService<DeadlineSweeper>().SweepAsync();

    private async Task<GetCardBoard.Response> BoardAsync(GetCardBoard.GroupBy by, Actor actor) =>
        Value(await Run<GetCardBoard, Result<GetCardBoard.Response>>(u => u.ExecuteAsync(new(by), actor, default)));

    private static List<(string Key, int Prompts, int Yellow, int Red)> Counts(GetCardBoard.Response board) =>
        [.. board.Rows.Select(r => (r.Key, r.Prompts, r.Yellow, r.Red))];
}
