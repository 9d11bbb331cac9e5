using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using OneStop.Workflows.IntegrationTests.Api;

namespace OneStop.Workflows.IntegrationTests.Definitions;

/// <summary>Issue 8, finding 4: the caps come from <c>Definitions:MaxActivities</c> / <c>Definitions:MaxConnections</c>; a cap below 1 stops the start.</summary>
public sealed class DefinitionCapSettings_Issue8Tests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("onestop-caps-").FullName;

    private OneStopApiFactory Server(string key, string value) =>
        new("Sqlite", $"Data Source={Path.Combine(_folder, "onestop.db")}", new Dictionary<string, string?> { [key] = value });

    // fork-join-sample: 7 activities, 8 connections
    private static StringContent Sample()
    {
        var model = JsonNode.Parse(File.ReadAllText(Path.Combine(RepositoryFolders.Workflows, "fork-join-sample.json")))!.AsObject();
        model["definitionId"] = "capped";
        model.Remove("id");
        return new StringContent(model.ToJsonString(), Encoding.UTF8, "application/json");
    }

    [Theory]
    [InlineData("Definitions:MaxActivities", "6", "$.root.activities", "definition.activities.tooMany", "at most 6")]
    [InlineData("Definitions:MaxConnections", "7", "$.root.connections", "definition.connections.tooMany", "at most 7")]
    public async Task SaveDefinition_Returns400_WhenTheConfiguredCapIsExceeded(string key, string value, string path, string code, string says)
    {
        await using var server = Server(key, value);
        using var client = await server.CreateClientAsAsync("designer");

        var response = await client.PostAsync("/api/workflow-definitions", Sample());

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var problem = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        problem["problems"]!.AsArray().Should().ContainSingle().Which!["code"]!.GetValue<string>().Should().Be(code);
        problem["errors"]![path]![0]!.GetValue<string>().Should().Contain(says);
        (await client.GetAsync("/api/workflow-definitions/capped")).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task SaveDefinition_Returns201_AtExactlyTheConfiguredCap()
    {
        await using var server = Server("Definitions:MaxActivities", "7");
        using var client = await server.CreateClientAsAsync("designer");

        (await client.PostAsync("/api/workflow-definitions", Sample())).StatusCode.Should().Be(HttpStatusCode.Created);
    }

    [Theory]
    [InlineData("Definitions:MaxActivities", "0")]
    [InlineData("Definitions:MaxConnections", "-1")]
    public void Server_DoesNotStart_WithACapBelowOne(string key, string value)
    {
        using var server = Server(key, value);

        var start = () => server.CreateClient();

        start.Should().Throw<OptionsValidationException>().WithMessage($"*{key} must be at least 1*");
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }
}
