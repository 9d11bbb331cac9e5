using System.Text.Json.Nodes;
using FluentAssertions;
using OneStop.Workflows.Application;
using OneStop.Workflows.Application.Definitions;
using OneStop.Workflows.Application.Instances;
using OneStop.Workflows.Domain.People;
using OneStop.Workflows.Domain.Shared;
using OneStop.Workflows.IntegrationTests.Infrastructure;

namespace OneStop.Workflows.IntegrationTests.UseCases;

/// <summary>Definitions and the runtime's raw instances called as use cases (issue 9): designers and administrators only, the engine's errors as refusals.</summary>
public sealed class DefinitionsInstancesUseCases_Issue9Tests(PostgresServerFixture postgres) : UseCaseTestBase(postgres)
{
    private static readonly Actor Designer = new("designer", Role.Designer, null);

    [Fact]
    public async Task StartInstance_ByAClerk_IsForbidden_ByADesigner_RunsToItsBookmarks()
    {
        var byClerk = await Run<StartInstance, Result<InstanceResponse>>(u => u.ExecuteAsync(new("fork-join-sample", null), Clerk("market"), default));
        var started = await Run<StartInstance, Result<InstanceResponse>>(u => u.ExecuteAsync(new("fork-join-sample", null), Designer, default));
        var read = await Run<GetInstance, Result<GetInstance.Response>>(u => u.ExecuteAsync(new(started.Value!.InstanceId, null), Designer, default));

        byClerk.Refusal!.Kind.Should().Be(RefusalKind.Forbidden);
        started.Value!.Status.Should().Be("Waiting");
        started.Value.Bookmarks.Should().HaveCount(3);
        read.Value!.Bookmarks.Select(b => b.Id).Should().BeEquivalentTo(started.Value.Bookmarks.Select(b => b.Id));
    }

    [Fact]
    public async Task StartInstance_OfAnUnknownDefinition_IsNotFound()
    {
        var refused = await Run<StartInstance, Result<InstanceResponse>>(u => u.ExecuteAsync(new("no-such-definition", null), Designer, default));

        refused.Refusal!.Kind.Should().Be(RefusalKind.NotFound);
        refused.Refusal.Message.Should().Be("No workflow definition has that id.");
    }

    [Fact]
    public async Task ResumeBookmark_OfACasesInstance_IsRefused_WithCodeInstanceCaseOwned()
    {
        var (caseId, _, _) = await Driver.SubmitAsync("clerk.market", "food-business-licence");
        var instanceId = (await Driver.CaseAsync(caseId))["instanceId"]!.GetValue<string>();
        var body = new JsonObject { ["idempotencyKey"] = "use-case-resume" };

        var refused = await Run<ResumeBookmark, Result<InstanceResponse>>(u =>
            u.ExecuteAsync(new(instanceId, Guid.NewGuid().ToString(), body), Designer, default));

        refused.Refusal!.Code.Should().Be("instance.case-owned");
    }

    [Fact]
    public async Task ResumeBookmark_WithoutAnIdempotencyKey_IsABadRequest_WithoutFieldErrors()
    {
        var started = await Run<StartInstance, Result<InstanceResponse>>(u => u.ExecuteAsync(new("fork-join-sample", null), Designer, default));
        var bookmark = started.Value!.Bookmarks[0].Id;

        var refused = await Run<ResumeBookmark, Result<InstanceResponse>>(u =>
            u.ExecuteAsync(new(started.Value.InstanceId, bookmark, new JsonObject()), Designer, default));

        refused.Refusal!.Kind.Should().Be(RefusalKind.Invalid);
        refused.Refusal.Errors.Should().BeNull("the server answers it as a plain 400 ProblemDetails, as before");
        refused.Refusal.Message.Should().StartWith("'idempotencyKey' is required");
    }

    [Fact]
    public async Task GetDefinition_AnswersTheModel_AndAnUnknownVersion_IsNotFound()
    {
        var model = await Run<GetDefinition, Result<JsonObject>>(u => u.ExecuteAsync(new("fork-join-sample", null), Designer, default));
        var missing = await Run<GetDefinition, Result<JsonObject>>(u => u.ExecuteAsync(new("fork-join-sample", 999), Designer, default));

        model.Value!["definitionId"]!.GetValue<string>().Should().Be("fork-join-sample");
        missing.Refusal!.Message.Should().Be("Definition 'fork-join-sample' has no version 999.");
    }
}
