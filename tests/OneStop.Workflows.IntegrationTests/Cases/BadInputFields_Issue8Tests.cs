using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using OneStop.Workflows.IntegrationTests.Api;
using OneStop.Workflows.IntegrationTests.Infrastructure;

namespace OneStop.Workflows.IntegrationTests.Cases;

/// <summary>
/// Issue 8 findings 5, 6, 7, 8, 15 and 16 on both databases: each bad input gets a 400 that names the JSON field (or query parameter)
/// with a plain message; free text keeps its line breaks; valid identity numbers and credit codes are taken.
/// </summary>
public abstract class BadInputFieldsTests : IAsyncLifetime
{
    private OneStopApiFactory _factory = null!;

    protected CaseDriver Driver { get; private set; } = null!;

    protected abstract Task<OneStopApiFactory> CreateFactoryAsync();

    public async Task InitializeAsync()
    {
        _factory = await CreateFactoryAsync();
        Driver = new CaseDriver(_factory);
    }

    public async Task DisposeAsync()
    {
        await Driver.DisposeAsync();
        await _factory.DisposeAsync();
    }

    [Fact]
    public async Task NullArrayElements_Get400NamingTheElement()
    {
        var clerk = await Driver.As("clerk.market");
        var admin = await Driver.As("admin");
        var id = await Driver.SubmitAndAcceptAsync("clerk.market", "restaurant-opening");
        var fire = (await Driver.TasksAsync(id, "Review")).Single(t => t["department"]!.GetValue<string>() == "fire")["id"]!.GetValue<string>();

        await ExpectFieldAsync(clerk.PostAsync("/api/cases", Json(CaseDriver.Application("restaurant-opening").Also(a => a["materials"] = new JsonArray((JsonNode?)null)))), "materials[0]");
        await ExpectFieldAsync((await Driver.As("reviewer.fire")).PostAsync($"/api/tasks/{fire}/decision",
            Json("""{"outcome":"ReturnedForCorrection","opinion":"x","corrections":[null],"idempotencyKey":"k"}""")), "corrections[0]");
        await ExpectFieldAsync(clerk.PostAsync($"/api/cases/{id}/corrections", Json("""{"materials":[{"name":"a"},null],"idempotencyKey":"k"}""")), "materials[1]");
        await ExpectFieldAsync(admin.PutAsync("/api/calendar/2027", Json("""{"restDays":[null],"makeUpWorkingDays":[]}""")), "restDays[0]");
        await ExpectFieldAsync(clerk.PostAsync("/api/calendar/deadline",
            Json("""{"start":"2025-10-08","budget":5,"unit":"WorkingDays","suspensions":[null]}""")), "suspensions[0]");
    }

    [Fact]
    public async Task DatesOutsideTheSupportedRange_Get400NamingTheField()
    {
        var clerk = await Driver.As("clerk.market");
        var supervisor = await Driver.As("supervisor");
        var admin = await Driver.As("admin");

        var start = await ExpectFieldAsync(clerk.PostAsync("/api/calendar/deadline", Json("""{"start":"9999-12-31","budget":5,"unit":"WorkingDays"}""")), "start");
        start.Should().Contain("1990-01-01").And.Contain("2199-12-31");
        var suspension = await ProblemAsync(clerk.PostAsync("/api/calendar/deadline",
            Json("""{"start":"2025-10-08","budget":5,"unit":"WorkingDays","suspensions":[{"from":"0001-01-01","to":"9999-12-31"}]}""")));
        suspension["errors"]!.AsObject().Select(e => e.Key).Should().BeEquivalentTo("suspensions[0].from", "suspensions[0].to");
        await ExpectFieldAsync(clerk.PostAsync("/api/calendar/deadline", Json("""{"start":"2025-10-08","budget":2147483647,"unit":"WorkingDays"}""")), "budget");
        await ExpectFieldAsync(supervisor.GetAsync("/api/supervision/signals?from=0001-01-01"), "from");
        await ExpectFieldAsync(supervisor.GetAsync("/api/supervision/figures?from=2025-01-01&to=9999-12-31"), "to");
        await ExpectFieldAsync(clerk.GetAsync("/api/calendar/9999"), "year");
        await ExpectFieldAsync(admin.PutAsync("/api/calendar/2200", Json("""{"restDays":[]}""")), "year");
        await ExpectFieldAsync(admin.DeleteAsync("/api/calendar/1989/regional"), "year");
        await ExpectFieldAsync(clerk.PostAsync("/api/cases/00000000000000000000000000000000/suspensions",
            Json("""{"type":"Inspection","from":"9999-12-31","expectedWorkingDays":5,"notice":"n"}""")), "from");
    }

    [Theory]
    [InlineData("page=2147483647", "page")]
    [InlineData("page=100001", "page")]
    [InlineData("page=-1", "page")]
    [InlineData("page=abc", "page")]
    [InlineData("pageSize=abc", "pageSize")]
    [InlineData("pageSize=0", "pageSize")]
    [InlineData("pageSize=201", "pageSize")]
    public async Task Paging_IsOneRuleOnEveryList(string query, string field)
    {
        foreach (var (user, list) in new[] { ("clerk.market", "/api/cases"), ("reviewer.fire", "/api/tasks"), ("supervisor", "/api/supervision/signals"), ("supervisor", "/api/supervision/alerts") })
        {
            await ExpectFieldAsync((await Driver.As(user)).GetAsync($"{list}?{query}"), field);
        }
    }

    [Fact]
    public async Task Paging_TheLastAllowedPage_AnswersAnEmptyPage()
    {
        var page = await CaseDriver.Json(await (await Driver.As("supervisor")).GetAsync("/api/cases?page=100000&pageSize=200"), HttpStatusCode.OK);

        page["items"]!.AsArray().Should().BeEmpty();
        page["pageNumber"]!.GetValue<int>().Should().Be(100000);
    }

    [Fact]
    public async Task ControlCharactersAndBidiOverrides_Get400_EverywhereButLineBreaksInFreeText()
    {
        var anonymous = Driver.Factory.CreateClient();
        var clerk = await Driver.As("clerk.market");
        var designer = await Driver.As("designer");

        await ExpectFieldAsync(anonymous.PostAsync("/api/auth/token", Json("""{"userName":"clerk\u0000market","password":"x"}""")), "userName");
        await ExpectFieldAsync(anonymous.PostAsync("/api/auth/sign-in", Json("""{"userName":"admin","password":"\ud800"}""")), "password");
        await ExpectFieldAsync(designer.PostAsync("/api/workflow-definitions", Json("""{"definitionId":"bad\u0000id","name":"x"}""")), "definitionId");
        await ExpectFieldAsync(clerk.PostAsync("/api/cases", Json(CaseDriver.Application("food-business-licence")
            .Also(a => a["applicant"]!["name"] = "\u202Eevil"))), "applicant.name");
        await ExpectFieldAsync(clerk.PostAsync("/api/cases", Json(CaseDriver.Application("food-business-licence")
            .Also(a => a["applicant"]!["name"] = "two\nlines"))), "applicant.name");
        await ExpectFieldAsync(clerk.GetAsync("/api/cases?serviceItem=food%00"), "serviceItem");
        await ExpectFieldAsync(clerk.GetAsync("/api/cases/%E2%80%AEabc"), "path");

        var multiline = CaseDriver.Application("food-business-licence").Also(a => a["materials"]![0]!["note"] = "第一行 line one\r\n\tline two");
        var created = await CaseDriver.Json(await clerk.PostAsJsonAsync("/api/cases", multiline), HttpStatusCode.Created);
        var stored = await Driver.CaseAsync(created["id"]!.GetValue<string>());
        stored.ToJsonString().Should().Contain("line one\\r\\n\\tline two");
    }

    [Fact]
    public async Task WrongTypes_NameTheFieldInPlainWords()
    {
        var clerk = await Driver.As("clerk.market");
        var admin = await Driver.As("admin");

        var id = await ExpectFieldAsync(clerk.PostAsync("/api/cases", Json(CaseDriver.Application("food-business-licence").Also(a => a["applicant"]!["idNumber"] = 42))),
            "applicant.idNumber");
        id.Should().Be("Expected a string.");
        var provided = await ExpectFieldAsync(clerk.PostAsync("/api/cases", Json(CaseDriver.Application("food-business-licence")
            .Also(a => a["materials"]![0]!["provided"] = "yes"))), "materials[0].provided");
        provided.Should().Be("Expected true or false.");
        var method = await ExpectFieldAsync(clerk.PostAsync("/api/cases", Json(CaseDriver.Application("food-business-licence").Also(a => a["deliveryMethod"] = 3))),
            "deliveryMethod");
        method.Should().Contain("Pickup").And.NotContain("OneStop").And.NotContain("+");
        var budget = await ExpectFieldAsync(clerk.PostAsync("/api/calendar/deadline", Json("""{"start":"2025-10-08","budget":"5","unit":"WorkingDays"}""")), "budget");
        budget.Should().StartWith("Expected a whole number");

        var outside = await ExpectFieldAsync(admin.PutAsync("/api/calendar/2027", Json("""{"restDays":[{"from":"2028-01-01","to":"2028-01-03"}]}""")), "restDays[0]");
        outside.Should().Contain("2027");
    }

    [Fact]
    public async Task OverlongTextsAndArrays_Get400NamingTheField()
    {
        var clerk = await Driver.As("clerk.market");
        var admin = await Driver.As("admin");
        var id = await Driver.SubmitAndAcceptAsync("clerk.market", "restaurant-opening");
        var fire = (await Driver.TasksAsync(id, "Review")).Single(t => t["department"]!.GetValue<string>() == "fire")["id"]!.GetValue<string>();

        await ExpectFieldAsync(clerk.PostAsync("/api/cases", Json(CaseDriver.Application("food-business-licence")
            .Also(a => a["materials"]![0]!["name"] = new string('m', 300_000)))), "materials[0].name");
        await ExpectFieldAsync(clerk.PostAsync("/api/cases", Json(CaseDriver.Application("food-business-licence")
            .Also(a => a["materials"]![0]!["note"] = new string('n', 1001)))), "materials[0].note");
        var many = new JsonArray(Enumerable.Range(0, 101).Select(i => (JsonNode)new JsonObject { ["material"] = $"m{i}", ["problem"] = "p" }).ToArray());
        await ExpectFieldAsync((await Driver.As("reviewer.fire")).PostAsJsonAsync($"/api/tasks/{fire}/decision",
            new JsonObject { ["outcome"] = "ReturnedForCorrection", ["opinion"] = "x", ["corrections"] = many, ["idempotencyKey"] = "k" }), "corrections");
        await ExpectFieldAsync(admin.PutAsJsonAsync("/api/calendar/2027", new { restDays = Array.Empty<object>(), source = new string('s', 100_000) }), "source");
        await ExpectFieldAsync(admin.PutAsJsonAsync("/api/calendar/2027", new { restDays = new[] { new { from = "2027-01-01", to = "2027-12-31" } } }), "workingDays");
        await ExpectFieldAsync(admin.PutAsJsonAsync("/api/calendar/2027", new { restDays = Array.Empty<object>() }), "workingDays");
    }

    [Fact]
    public async Task IdentityNumbers_AreCheckedByTheirCheckCharacter()
    {
        var clerk = await Driver.As("clerk.market");

        await ExpectFieldAsync(clerk.PostAsync("/api/cases", Json(CaseDriver.Application("food-business-licence")
            .Also(a => a["applicant"]!["idNumber"] = "110105194912310021"))), "applicant.idNumber");
        await ExpectFieldAsync(clerk.PostAsync("/api/cases", Json(CaseDriver.Application("food-business-licence")
            .Also(a => a["applicant"]!["idNumber"] = "91350100M000100Y44"))), "applicant.idNumber");

        foreach (var valid in new[] { "11010519491231002x", "91350100M000100Y43" })
        {
            await CaseDriver.Json(await clerk.PostAsJsonAsync("/api/cases", CaseDriver.Application("food-business-licence")
                .Also(a => a["applicant"]!["idNumber"] = valid)), HttpStatusCode.Created);
        }
    }

    /// <summary>Expects a 400 ProblemDetails whose <c>errors</c> has <paramref name="field"/>; answers its first message.</summary>
    private static async Task<string> ExpectFieldAsync(Task<HttpResponseMessage> call, string field)
    {
        var problem = await ProblemAsync(call);
        var errors = problem["errors"]?.AsObject();
        errors.Should().NotBeNull(problem.ToJsonString());
        errors!.Select(e => e.Key).Should().Contain(field, problem.ToJsonString());
        var message = errors[field]![0]!.GetValue<string>();
        message.Should().NotContainAny(["System.", "OneStop.", "+Request", "Exception"], "messages are plain");
        return message;
    }

    private static async Task<JsonObject> ProblemAsync(Task<HttpResponseMessage> call)
    {
        using var response = await call;
        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(HttpStatusCode.BadRequest, text);
        response.Content.Headers.ContentType?.MediaType.Should().Be("application/problem+json");
        return JsonNode.Parse(text)!.AsObject();
    }

    private static StringContent Json(JsonObject body) => Json(body.ToJsonString());

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");
}

/// <summary>Issue 8's field-level bad-input checks on PostgreSQL.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresBadInputFields_Issue8Tests(PostgresServerFixture postgres) : BadInputFieldsTests
{
    protected override async Task<OneStopApiFactory> CreateFactoryAsync() => new("PostgreSql", await postgres.Server.CreateDatabaseAsync());
}

/// <summary>Issue 8's field-level bad-input checks on SQLite.</summary>
public sealed class SqliteBadInputFields_Issue8Tests : BadInputFieldsTests, IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("onestop-fields-").FullName;

    protected override Task<OneStopApiFactory> CreateFactoryAsync() =>
        Task.FromResult(new OneStopApiFactory("Sqlite", $"Data Source={Path.Combine(_folder, "onestop.db")}"));

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }
}
