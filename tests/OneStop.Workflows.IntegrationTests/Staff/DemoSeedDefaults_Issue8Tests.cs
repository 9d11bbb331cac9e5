using System.Text.Json.Nodes;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;
using OneStop.Workflows.IntegrationTests.Api;
using OneStop.Workflows.Server.Features.Catalogue;

namespace OneStop.Workflows.IntegrationTests.Staff;

/// <summary>Issue 8, finding 1: the demo seed defaults on only in Development, which is what the README's <c>dotnet run</c> uses.</summary>
public class DemoSeedDefaults_Issue8Tests
{
    [Theory]
    [InlineData("Development", null, true)]
    [InlineData("Production", null, false)]
    [InlineData("Staging", null, false)]
    [InlineData("Testing", null, false)]
    [InlineData("Staging", "true", true)]
    [InlineData("Development", "false", false)]
    public void Seed_DefaultsOnOnlyInDevelopment(string environment, string? setting, bool on)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { [DemoSeed.Key] = setting }).Build();

        DemoSeed.IsOn(configuration, new Environment(environment)).Should().Be(on);
    }

    [Fact]
    public void TheReadmeRunCommand_RunsInDevelopment()
    {
        var launch = JsonNode.Parse(File.ReadAllText(Path.Combine(RepositoryFolders.Root, "src/OneStop.Workflows.Server/Properties/launchSettings.json")))!;

        launch["profiles"]!.AsObject().Should().ContainSingle()
            .Which.Value!["environmentVariables"]!["ASPNETCORE_ENVIRONMENT"]!.GetValue<string>().Should().Be("Development");
    }

    private sealed class Environment(string name) : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = name;

        public string ApplicationName { get; set; } = "OneStop.Workflows.Server";

        public string ContentRootPath { get; set; } = ".";

        public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();
    }
}
