using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using OneStop.Workflows.IntegrationTests.Infrastructure;

namespace OneStop.Workflows.IntegrationTests.Cases;

/// <summary>
/// Each seeded service item, end to end through the public API on PostgreSQL:
/// submit → accept → every department decides (random order) → completion → delivery → applicant's progress view.
/// </summary>
public sealed class CaseJourneyTests(PostgresServerFixture postgres) : PostgresCaseTestBase(postgres)
{
    public static TheoryData<string> Items => new()
    {
        "company-establishment", "food-business-licence", "restaurant-opening", "construction-permit", "investment-project-approval", "eia-approval",
    };

    [Theory]
    [MemberData(nameof(Items))]
    public async Task Case_CompletesAndIsDelivered_WhenEveryDepartmentApproves(string item)
    {
        var lead = (await CaseDriver.Json(await (await Driver.As("supervisor")).GetAsync($"/api/service-items/{item}"), HttpStatusCode.OK))["leadDepartment"]!.GetValue<string>();
        var clerk = $"clerk.{lead}";
        var (id, number, password) = await Driver.SubmitAsync(clerk, item);

        var acceptance = (await Driver.TasksAsync(id, "Acceptance")).Single();
        acceptance["department"]!.GetValue<string>().Should().Be(lead);
        await Driver.DecideOkAsync(clerk, acceptance["id"]!.GetValue<string>(), "Accepted", "Materials complete 材料齐全");

        var reviews = await Driver.TasksAsync(id, "Review");
        reviews.Should().NotBeEmpty();
        foreach (var review in reviews.OrderBy(_ => Random.Shared.Next()))
        {
            var department = review["department"]!.GetValue<string>();
            var reviewer = await Driver.As($"reviewer.{department}");
            var inbox = await CaseDriver.Json(await reviewer.GetAsync("/api/tasks?scope=department"), HttpStatusCode.OK);
            inbox["items"]!.AsArray().Select(t => t!["id"]!.GetValue<string>()).Should().Contain(review["id"]!.GetValue<string>());
            await CaseDriver.Json(await reviewer.PostAsync($"/api/tasks/{review["id"]}/claim", null), HttpStatusCode.OK);
            await Driver.DecideOkAsync($"reviewer.{department}", review["id"]!.GetValue<string>(), "Approved", $"{department}: no objection 无异议");
        }

        var completed = await Driver.CaseAsync(id);
        completed["status"]!.GetValue<string>().Should().Be("Completed");
        completed["decision"]!.GetValue<string>().Should().Be("Approved");
        completed["deliveryStatus"]!.GetValue<string>().Should().Be("Pending");
        completed["owner"]!.GetValue<string>().Should().Be(clerk);

        var window = await Driver.As(clerk);
        await CaseDriver.Json(await window.PostAsJsonAsync($"/api/cases/{id}/delivery", new { status = "ReadyForPickup" }), HttpStatusCode.OK);
        var delivered = await CaseDriver.Json(await window.PostAsJsonAsync($"/api/cases/{id}/delivery", new { status = "Delivered" }), HttpStatusCode.OK);
        delivered["deliveryStatus"]!.GetValue<string>().Should().Be("Delivered");

        var progress = await CaseDriver.Json(await CaseDriver.QueryProgressAsync(Factory.CreateClient(), number, password), HttpStatusCode.OK);
        progress["status"]!.GetValue<string>().Should().Be("Completed");
        progress["decision"]!.GetValue<string>().Should().Be("Approved");
        progress["deliveryStatus"]!.GetValue<string>().Should().Be("Delivered");
        progress["steps"]!.AsArray().Should().HaveCountGreaterThanOrEqualTo(4);
        progress.ToJsonString().Should().NotContain("no objection", "reviewers' internal opinions stay internal")
            .And.NotContain("11010519491231002X").And.NotContain("13800138000");

        var actions = (await Driver.CaseAsync(id))["timeline"]!.AsArray().Select(e => e!["action"]!.GetValue<string>()).ToList();
        actions.Should().ContainInOrder("CaseSubmitted", "CaseAccepted", "ReviewDecided", "CaseCompleted", "DeliveryUpdated");
        actions.Count(a => a == "ReviewDecided").Should().Be(reviews.Count);
        actions.Count(a => a == "CaseCompleted").Should().Be(1);
        actions.Should().Contain("ApplicantNotified");
    }

    [Fact]
    public async Task PublicProgress_Returns404_ForWrongPasswordOrNumber()
    {
        var (_, number, password) = await Driver.SubmitAsync("clerk.market", "food-business-licence");
        var anonymous = Factory.CreateClient();

        (await CaseDriver.QueryProgressAsync(anonymous, $"{number}", $"{password}x")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await CaseDriver.QueryProgressAsync(anonymous, $"X{number}", $"{password}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await CaseDriver.QueryProgressAsync(anonymous, number, password)).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task CaseList_MasksPersonalData_AndFullReadIsAudited()
    {
        var (id, _, _) = await Driver.SubmitAsync("clerk.market", "food-business-licence");
        var list = await CaseDriver.Json(await (await Driver.As("supervisor")).GetAsync("/api/cases?serviceItem=food-business-licence"), HttpStatusCode.OK);

        var row = list["items"]!.AsArray().Single(c => c!["id"]!.GetValue<string>() == id)!;
        row["applicant"]!["idNumber"]!.GetValue<string>().Should().Be("110105********002X");
        row["applicant"]!["phone"]!.GetValue<string>().Should().Be("138****8000");
        var full = await Driver.CaseAsync(id);
        full["applicant"]!["idNumber"]!.GetValue<string>().Should().Be("11010519491231002X");
        (await Driver.CaseAsync(id))["timeline"]!.AsArray().Count(e => e!["action"]!.GetValue<string>() == "PersonalDataRead").Should().BeGreaterThanOrEqualTo(1);
    }
}
