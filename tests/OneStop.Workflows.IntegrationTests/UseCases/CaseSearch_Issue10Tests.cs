using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using OneStop.Workflows.Application;
using OneStop.Workflows.Application.Cases;
using OneStop.Workflows.Domain.People;
using OneStop.Workflows.Domain.Shared;
using OneStop.Workflows.IntegrationTests.Api;
using OneStop.Workflows.IntegrationTests.Cases;
using OneStop.Workflows.IntegrationTests.Infrastructure;

namespace OneStop.Workflows.IntegrationTests.UseCases;

/// <summary>
/// Issue 10: the window's case search by case number (a prefix, case-insensitive) and by applicant name (contains,
/// case-insensitive), with the applicant masked in the answer and the usual visibility — on PostgreSQL.
/// </summary>
public sealed class CaseSearch_Issue10Tests(PostgresServerFixture postgres, Xunit.Abstractions.ITestOutputHelper output) : UseCaseTestBase(postgres)
{
    [Fact]
    public async Task ByNumber_FindsTheCase_ByTheWholeNumberOrAPrefix_InAnyCase() =>
        await CaseSearchScenario.ByNumberAsync(Driver, Search);

    [Fact]
    public async Task ByName_FindsTheCase_ByAPartOfTheName_InAnyCase_AndAnswersItMasked() =>
        await CaseSearchScenario.ByNameAsync(Driver, Search);

    [Fact]
    public async Task AnotherWindowsCase_IsNotFound_ByNumberOrName_ButTheSupervisorFindsIt()
    {
        var mine = await CaseSearchScenario.SubmitAsync(Driver, "clerk.market", "food-business-licence", "欧阳小明 Ouyang Xiaoming");
        var theirs = await CaseSearchScenario.SubmitAsync(Driver, "clerk.housing", "construction-permit", "欧阳小明 Ouyang Xiaoming");

        (await Search(Clerk("market"), number: theirs)).Items.Should().BeEmpty("housing leads the permit and market has no task in it");
        (await Search(Clerk("market"), applicant: "欧阳")).Items.Select(c => c.Number).Should().Equal(mine);
        (await Search(Supervisor, applicant: "欧阳")).Items.Select(c => c.Number).Should().BeEquivalentTo([mine, theirs]);
        (await Search(Clerk("housing"), number: theirs, applicant: "ouyang")).Items.Select(c => c.Number).Should().Equal(theirs);
    }

    [Fact]
    public async Task TooLongTerms_AreInvalid_ByField_AndADesignerIsForbidden()
    {
        var refused = await Run<ListCases, Result<ListCases.Page>>(u => u.ExecuteAsync(
            new(null, null, null, 0, 20, new string('2', ListCases.MaxNumberLength + 1), new string('张', ListCases.MaxApplicantLength + 1)), Clerk("market"), default));
        var designer = await Run<ListCases, Result<ListCases.Page>>(u => u.ExecuteAsync(
            new(null, null, null, 0, 20, "2026", null), new Actor("designer", Role.Designer, null), default));

        refused.Refusal!.Kind.Should().Be(RefusalKind.Invalid);
        refused.Refusal.Errors!.Keys.Should().BeEquivalentTo(["number", "applicant"]);
        designer.Refusal!.Kind.Should().Be(RefusalKind.Forbidden);
    }

    [Fact]
    public async Task TheRoute_TakesNumberAndApplicant_AndRefusesControlCharacters()
    {
        var number = await CaseSearchScenario.SubmitAsync(Driver, "clerk.market", "food-business-licence", "李四 Li Si");
        var clerk = await Driver.As("clerk.market");

        var page = await CaseDriver.Json(await clerk.GetAsync($"/api/cases?number={number.ToLowerInvariant()}&applicant=LI%20S"), HttpStatusCode.OK);
        var bad = await clerk.GetAsync("/api/cases?applicant=li%00si");
        output.WriteLine(page.ToJsonString(new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }));

        var row = page["items"]!.AsArray().Single()!;
        row["number"]!.GetValue<string>().Should().Be(number);
        row["applicant"]!["name"]!.GetValue<string>().Should().Be("李* L* S*");
        row["applicant"]!["idNumber"]!.GetValue<string>().Should().Be("110105********002X");
        bad.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await bad.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("applicant", out _).Should().BeTrue();
    }

    private async Task<ListCases.Page> Search(Actor actor, string? number = null, string? applicant = null)
    {
        var result = await Run<ListCases, Result<ListCases.Page>>(u => u.ExecuteAsync(new(null, null, null, 0, 20, number, applicant), actor, default));
        result.Refusal.Should().BeNull();
        return result.Value!;
    }

    private Task<ListCases.Page> Search(string? number, string? applicant) => Search(Clerk("market"), number, applicant);
}

/// <summary>Issue 10: the same case search on SQLite (lower() there folds ASCII letters; Han characters have no case).</summary>
public sealed class CaseSearchSqlite_Issue10Tests : IAsyncLifetime
{
    private readonly string _folder = Directory.CreateTempSubdirectory("onestop-search-").FullName;
    private OneStopApiFactory _server = null!;
    private CaseDriver _driver = null!;

    public Task InitializeAsync()
    {
        _server = new OneStopApiFactory("Sqlite", $"Data Source={Path.Combine(_folder, "onestop.db")}");
        _driver = new CaseDriver(_server);
        return Task.CompletedTask;
    }

    [Fact]
    public async Task ByNumber_FindsTheCase_ByTheWholeNumberOrAPrefix_InAnyCase() =>
        await CaseSearchScenario.ByNumberAsync(_driver, Search);

    [Fact]
    public async Task ByName_FindsTheCase_ByAPartOfTheName_InAnyCase_AndAnswersItMasked() =>
        await CaseSearchScenario.ByNameAsync(_driver, Search);

    public async Task DisposeAsync()
    {
        await _driver.DisposeAsync();
        await _server.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    private async Task<ListCases.Page> Search(string? number, string? applicant)
    {
        await using var scope = _server.Services.CreateAsyncScope();
        var result = await scope.ServiceProvider.GetRequiredService<ListCases>().ExecuteAsync(
            new(null, null, null, 0, 20, number, applicant), new Actor("clerk.market", Role.WindowClerk, "market"), default);
        result.Refusal.Should().BeNull();
        return result.Value!;
    }
}

/// <summary>The case search checks shared by both providers; the search runs as the market window's clerk.</summary>
internal static class CaseSearchScenario
{
    /// <summary>Submits a case with the applicant named <paramref name="name"/>; answers its number.</summary>
    public static async Task<string> SubmitAsync(CaseDriver driver, string clerk, string item, string name)
    {
        var application = CaseDriver.Application(item).Also(a => a["applicant"]!["name"] = name);
        var created = await CaseDriver.Json(await (await driver.As(clerk)).PostAsJsonAsync("/api/cases", application), HttpStatusCode.Created);
        return created["number"]!.GetValue<string>();
    }

    public static async Task ByNumberAsync(CaseDriver driver, Func<string?, string?, Task<ListCases.Page>> search)
    {
        var first = await SubmitAsync(driver, "clerk.market", "food-business-licence", "张三 Zhang San");
        var second = await SubmitAsync(driver, "clerk.market", "food-business-licence", "李四 Li Si");

        (await search(first, null)).Items.Select(c => c.Number).Should().Equal(first);
        (await search($" {first.ToLowerInvariant()} ", null)).Items.Select(c => c.Number).Should().Equal([first], "the number is trimmed and case-insensitive");
        (await search(second[..^2], null)).Items.Select(c => c.Number).Should().Equal(second);
        (await search(first[..8], null)).Items.Select(c => c.Number).Should().BeEquivalentTo([first, second], "both were received today (the number starts with the day)");
        (await search(first + "X", null)).Items.Should().BeEmpty();
        (await search("", null)).TotalCount.Should().Be(2, "an empty term is no filter");
    }

    public static async Task ByNameAsync(CaseDriver driver, Func<string?, string?, Task<ListCases.Page>> search)
    {
        var ouyang = await SubmitAsync(driver, "clerk.market", "food-business-licence", "欧阳小明 Ouyang Xiaoming");
        var zhang = await SubmitAsync(driver, "clerk.market", "food-business-licence", "张三 Zhang San");

        (await search(null, "小明")).Items.Select(c => c.Number).Should().Equal(ouyang);
        (await search(null, "XIAOMING")).Items.Select(c => c.Number).Should().Equal(ouyang);
        (await search(null, "zhang san")).Items.Select(c => c.Number).Should().Equal(zhang);
        (await search(null, "an")).Items.Select(c => c.Number).Should().BeEquivalentTo([ouyang, zhang], "a part of the name anywhere");
        (await search(null, "%")).Items.Should().BeEmpty("LIKE wildcards are literal characters");
        (await search(null, "王")).Items.Should().BeEmpty();

        var page = await search(ouyang, "ouyang");
        var row = page.Items.Single();
        row.Applicant.Name.Should().Be("欧**明 O***** X*******");
        row.Applicant.IdNumber.Should().Be("110105********002X");
        var json = JsonSerializer.Serialize(page, new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        json.Should().NotContain("欧阳小明").And.NotContain("Ouyang").And.NotContain("11010519491231002X");
    }
}
