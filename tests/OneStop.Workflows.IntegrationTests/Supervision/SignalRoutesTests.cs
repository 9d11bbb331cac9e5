using System.Net;
using System.Text.Json.Nodes;
using OneStop.Workflows.IntegrationTests.Infrastructure;

namespace OneStop.Workflows.IntegrationTests.Supervision;

/// <summary><c>GET /api/supervision/signals</c>: fired signals only, newest first, filters, paging and who may look.</summary>
public sealed class SignalRoutesTests(PostgresServerFixture postgres) : SupervisionTestBase(postgres)
{
    [Fact]
    public async Task Signals_ListsFiredSignalsNewestFirst_WithFilters()
    {
        SetClock("2025-09-26T09:00:00");
        var food = await Driver.SubmitAndAcceptAsync("clerk.market", "food-business-licence");
        var permit = await Driver.SubmitAndAcceptAsync("clerk.housing", "construction-permit");
        var foodNumber = (await Driver.CaseAsync(food))["number"]!.GetValue<string>();

        // The permit (promise 3 WD → due 09-30; reviews 3, 3 and 2 WD): by 10-01 noon its case prompt and yellow and its
        // three step prompts and yellows have fired (8).
        SetClock("2025-10-01T12:00:00");
        (await SweepAsync()).Should().Be(8);

        // By 10-14 00:00: the permit's red (end of 10-09, the statutory 7 days reaching past the holiday) and the food
        // licence's case prompt, yellow and red and its step prompt and yellow (6).
        SetClock("2025-10-14T00:00:00");
        (await SweepAsync()).Should().Be(6);

        var all = await GetAsync("supervisor", "/api/supervision/signals");
        all["totalCount"]!.GetValue<int>().Should().Be(14);
        var items = Items(all);
        items.Select(s => s["firedAt"]!.GetValue<string>()).Should().BeInDescendingOrder(StringComparer.Ordinal);
        items.First()["firedAt"]!.GetValue<string>().Should().Be("2025-10-13T16:00:00Z");
        items.Last()["firedAt"]!.GetValue<string>().Should().Be("2025-10-01T04:00:00Z");

        var reds = Items(await GetAsync("supervisor", "/api/supervision/signals?level=red"));
        reds.Select(s => (s["serviceItem"]!.GetValue<string>(), s["department"]!.GetValue<string>(), s["rule"]!.GetValue<string>(), s["subjectKind"]!.GetValue<string>()))
            .Should().BeEquivalentTo(new[] { ("food-business-licence", "market", "case.red", "Case"), ("construction-permit", "housing", "case.red", "Case") });
        var foodRed = reds.Single(s => s["serviceItem"]!.GetValue<string>() == "food-business-licence");
        foodRed["caseNumber"]!.GetValue<string>().Should().Be(foodNumber);
        foodRed["caseId"]!.GetValue<string>().Should().Be(food);
        foodRed["subjectId"]!.GetValue<string>().Should().Be(food);
        foodRed["level"]!.GetValue<string>().Should().Be("Red");
        foodRed["dueAt"]!.GetValue<string>().Should().Be("2025-10-13T16:00:00Z");
        foodRed["basis"]!.GetValue<string>().Should().Contain("2025-10-13");

        var fire = Items(await GetAsync("supervisor", "/api/supervision/signals?department=fire"));
        fire.Select(s => s["rule"]!.GetValue<string>()).Should().BeEquivalentTo(["step.prompt", "step.yellow"]);
        fire.Should().OnlyContain(s => s["subjectKind"]!.GetValue<string>() == "Step" && s["caseId"]!.GetValue<string>() == permit);

        (await GetAsync("supervisor", "/api/supervision/signals?serviceItem=food-business-licence"))["totalCount"]!.GetValue<int>().Should().Be(5);
        (await GetAsync("supervisor", "/api/supervision/signals?serviceItem=food-business-licence&level=Prompt"))["totalCount"]!.GetValue<int>().Should().Be(2);
        (await GetAsync("supervisor", "/api/supervision/signals?from=2025-10-01&to=2025-10-01"))["totalCount"]!.GetValue<int>().Should().Be(8);
        (await GetAsync("supervisor", "/api/supervision/signals?from=2025-10-14"))["totalCount"]!.GetValue<int>().Should().Be(6);
        (await GetAsync("supervisor", "/api/supervision/signals?to=2025-10-13"))["totalCount"]!.GetValue<int>().Should().Be(8);
        (await GetAsync("supervisor", "/api/supervision/signals?department=police"))["totalCount"]!.GetValue<int>().Should().Be(0);

        var page = await GetAsync("supervisor", "/api/supervision/signals?page=1&pageSize=5");
        page["totalCount"]!.GetValue<int>().Should().Be(14);
        page["pageNumber"]!.GetValue<int>().Should().Be(1);
        page["pageSize"]!.GetValue<int>().Should().Be(5);
        Items(page).Select(s => s["id"]!.GetValue<string>()).Should().Equal(items.Skip(5).Take(5).Select(s => s["id"]!.GetValue<string>()));

        // A department head sees the signals of the cases their department leads or reviews.
        (await GetAsync("head.fire", "/api/supervision/signals"))["totalCount"]!.GetValue<int>().Should().Be(9);
        (await GetAsync("admin", "/api/supervision/signals"))["totalCount"]!.GetValue<int>().Should().Be(14);

        await GetAsync("supervisor", "/api/supervision/signals?level=Purple", HttpStatusCode.BadRequest);
        await GetAsync("supervisor", "/api/supervision/signals?level=1", HttpStatusCode.BadRequest);
        await GetAsync("supervisor", "/api/supervision/signals?from=2025-13-01", HttpStatusCode.BadRequest);
        await GetAsync("supervisor", "/api/supervision/signals?to=yesterday", HttpStatusCode.BadRequest);
        await GetAsync("supervisor", "/api/supervision/signals?from=2025-10-10&to=2025-10-01", HttpStatusCode.BadRequest);
        await GetAsync("supervisor", "/api/supervision/signals?page=-1", HttpStatusCode.BadRequest);
        await GetAsync("reviewer.market", "/api/supervision/signals", HttpStatusCode.Forbidden);
        (await Factory.CreateClient().GetAsync("/api/supervision/signals")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    private static List<JsonObject> Items(JsonObject page) => page["items"]!.AsArray().OfType<JsonObject>().ToList();
}
