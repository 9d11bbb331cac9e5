using System.Text.Json.Nodes;
using FluentAssertions;
using OneStop.Workflows.Application;
using OneStop.Workflows.Application.Calendar;
using OneStop.Workflows.Application.Definitions;
using OneStop.Workflows.Domain.People;
using OneStop.Workflows.Domain.Shared;
using OneStop.Workflows.IntegrationTests.Infrastructure;
using OneStop.Workflows.IntegrationTests.Api;
using OneStop.Workflows.Testing;

namespace OneStop.Workflows.IntegrationTests.UseCases;

/// <summary>Issue 10: the administration pages' lists — workflow definitions (the item editor's flow picker) and the calendar's years.</summary>
public sealed class AdminLists_Issue10Tests(PostgresServerFixture postgres) : UseCaseTestBase(postgres)
{
    private static readonly Actor Admin = new("admin", Role.Administrator, null);
    private static readonly Actor Designer = new("designer", Role.Designer, null);

    [Fact]
    public async Task Definitions_ListEachDefinitionOnce_WithItsLatestAndPublishedVersion_ADraftMovesOnlyTheLatest()
    {
        var before = Value(await Run<ListDefinitions, Result<ListDefinitions.Response>>(u => u.ExecuteAsync(new(), Admin, default)));
        var model = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(RepositoryFolders.Workflows, "fork-join-sample.json")))!.AsObject();
        model["name"] = "Fork/join sample, draft 草稿";
        model["root"]!["metadata"] = new JsonObject { ["note"] = "draft" }; // a changed flow: a published latest gets a new version
        var saved = Value(await Run<SaveDefinition, Result<Engine.Hosting.SaveDefinitionOutcome>>(u => u.ExecuteAsync(new(model.ToJsonString(), Publish: false), Designer, default)));
        var after = Value(await Run<ListDefinitions, Result<ListDefinitions.Response>>(u => u.ExecuteAsync(new(), Designer, default)));
        var refused = await Run<ListDefinitions, Result<ListDefinitions.Response>>(u => u.ExecuteAsync(new(), Clerk("market"), default));

        var files = Directory.GetFiles(RepositoryFolders.Workflows, "*.json").Select(Path.GetFileNameWithoutExtension).Order(StringComparer.Ordinal).ToList();
        before.Items.Select(d => d.DefinitionId).Should().Equal(files, "every shipped flow is imported at start, once");
        before.Items.Should().OnlyContain(d => d.PublishedVersion == d.LatestVersion && !string.IsNullOrEmpty(d.Name));
        var fork = before.Items.Single(d => d.DefinitionId == "fork-join-sample");
        saved.Saved!.Version.Should().Be(fork.LatestVersion + 1);
        after.Items.Single(d => d.DefinitionId == "fork-join-sample").Should().BeEquivalentTo(new
        {
            Name = "Fork/join sample, draft 草稿",
            LatestVersion = fork.LatestVersion + 1,
            fork.PublishedVersion,
        });
        after.Items.Where(d => d.DefinitionId != "fork-join-sample").Should().BeEquivalentTo(before.Items.Where(d => d.DefinitionId != "fork-join-sample"));
        refused.Refusal!.Kind.Should().Be(RefusalKind.Forbidden);
    }

    [Fact]
    public async Task CalendarYears_AreTheStoredYears_WithSourceWriterAndWhetherRegionalAdjustmentsExist()
    {
        var shipped = Value(await Run<ListCalendarYears, Result<ListCalendarYears.Response>>(u => u.ExecuteAsync(new(), Clerk("market"), default)));
        Factory.Clock.Reset(CentreTime.At("2025-10-09T10:30"));
        Value(await Run<SetRegionalAdjustments, Result<CalendarWire.YearResponse>>(u => u.ExecuteAsync(
            new(2025, "450000 广西壮族自治区", [new("2025-03-31", "2025-03-31", "三月三")], [], "Guangxi notice 广西通知", null), Admin, default)));
        var changed = Value(await Run<ListCalendarYears, Result<ListCalendarYears.Response>>(u => u.ExecuteAsync(new(), Reviewer("fire"), default)));

        shipped.Items.Select(y => (y.Year, y.ImportedBy, y.HasRegional)).Should().Equal((2025, "system", false), (2026, "system", false));
        shipped.Items.Should().OnlyContain(y => y.Source!.Contains("State Council"));
        changed.Items.Select(y => (y.Year, y.ImportedBy, y.HasRegional)).Should().Equal((2025, "admin", true), (2026, "system", false));
        changed.Items[0].ImportedAt.Should().Be("2025-10-09T02:30:00Z");
        changed.Items[1].ImportedAt.Should().Be(shipped.Items[1].ImportedAt);
    }
}
