using FluentAssertions;
using OneStop.Workflows.Application;
using OneStop.Workflows.Application.Calendar;
using OneStop.Workflows.Application.Catalogue;
using OneStop.Workflows.Domain.Catalogue;
using OneStop.Workflows.Domain.People;
using OneStop.Workflows.Domain.Shared;
using OneStop.Workflows.IntegrationTests.Infrastructure;

namespace OneStop.Workflows.IntegrationTests.UseCases;

/// <summary>Catalogue and calendar called as use cases (issue 9): reads for every member of staff, changes for administrators only.</summary>
public sealed class CatalogueCalendarUseCases_Issue9Tests(PostgresServerFixture postgres) : UseCaseTestBase(postgres)
{
    private static readonly Actor Admin = new("admin", Role.Administrator, null);

    [Fact]
    public async Task UpdateServiceItem_ByAClerk_IsForbidden_AndTheItemKeepsItsVersion()
    {
        var before = await Run<GetServiceItem, Result<ServiceItemResponse>>(u => u.ExecuteAsync(new("food-business-licence"), Clerk("market"), default));
        var body = new ServiceItemBody(null, "renamed", null, null, null, null, null, null, null, null, null, null, null, null, null, null, null);

        var refused = await Run<UpdateServiceItem, Result<ServiceItemResponse>>(u => u.ExecuteAsync(new("food-business-licence", body), Clerk("market"), default));
        var after = await Run<GetServiceItem, Result<ServiceItemResponse>>(u => u.ExecuteAsync(new("food-business-licence"), Clerk("market"), default));

        refused.Refusal!.Kind.Should().Be(RefusalKind.Forbidden);
        after.Value!.Version.Should().Be(before.Value!.Version);
        after.Value.Name.Should().Be(before.Value.Name);
    }

    [Fact]
    public async Task UpdateServiceItem_WithAStaleVersion_IsAConflict_WithoutAWireCode()
    {
        var item = (await Run<GetServiceItem, Result<ServiceItemResponse>>(u => u.ExecuteAsync(new("food-business-licence"), Admin, default))).Value!;
        var body = new ServiceItemBody(item.Code, item.Name + " (new)", item.Type, item.LeadDepartment, item.CoDepartments, item.HandlingKind,
            new(item.StatutoryLimit.Value, item.StatutoryLimit.Unit), item.StatutoryExtension is { } e ? new(e.Value, e.Unit) : null, new(item.PromisedLimit.Value, item.PromisedLimit.Unit), item.JointHandling,
            [.. item.Materials.Select(m => new MaterialBody(m.Name, m.Form, m.Requirement, m.Count))], item.RefusalPolicy, item.ResultType,
            item.DeliveryMethods, item.WorkflowDefinitionId, item.Supervision, item.Version + 1);

        var refused = await Run<UpdateServiceItem, Result<ServiceItemResponse>>(u => u.ExecuteAsync(new(item.Code, body), Admin, default));

        refused.Refusal!.Kind.Should().Be(RefusalKind.Conflict);
        refused.Refusal.Code.Should().Be(RefusalCodes.Conflict, "the catalogue's 409s carry no code on the wire");
        refused.Refusal.Message.Should().Be($"Service item '{item.Code}' is at version {item.Version}, not {item.Version + 1}; reload it and apply the change again.");
    }

    [Fact]
    public async Task GetServiceItem_Unknown_IsNotFound()
    {
        var refused = await Run<GetServiceItem, Result<ServiceItemResponse>>(u => u.ExecuteAsync(new("no-such-item"), Reviewer("market"), default));

        refused.Refusal!.Kind.Should().Be(RefusalKind.NotFound);
        refused.Refusal.Message.Should().Be("No service item 'no-such-item'.");
    }

    [Fact]
    public async Task SetRegionalAdjustments_ByAHead_IsForbidden_AndForAYearWithoutNationalData_IsAConflict()
    {
        var command = new SetRegionalAdjustments.Command(2031, "450000 广西壮族自治区", [new("2031-04-21", "2031-04-22", "三月三")], [], "local notice", null);

        var byHead = await Run<SetRegionalAdjustments, Result<CalendarWire.YearResponse>>(u => u.ExecuteAsync(command, Head("market"), default));
        var byAdmin = await Run<SetRegionalAdjustments, Result<CalendarWire.YearResponse>>(u => u.ExecuteAsync(command, Admin, default));
        var remove = await Run<RemoveRegionalAdjustments, Result<CalendarWire.YearResponse>>(u => u.ExecuteAsync(new(2031, null), Admin, default));

        byHead.Refusal!.Kind.Should().Be(RefusalKind.Forbidden);
        byAdmin.Refusal!.Code.Should().Be("calendar.no-national-year");
        byAdmin.Refusal.Kind.Should().Be(RefusalKind.Conflict);
        remove.Refusal!.Kind.Should().Be(RefusalKind.NotFound);
    }

    [Fact]
    public async Task PreviewDeadline_CountsWorkingDays_AndRefusesBadInput_ByField()
    {
        var due = await Run<PreviewDeadline, Result<PreviewDeadline.Response>>(u =>
            u.ExecuteAsync(new("2026-09-30", 1, TimeUnit.WorkingDays, null), Clerk("market"), default));
        var bad = await Run<PreviewDeadline, Result<PreviewDeadline.Response>>(u =>
            u.ExecuteAsync(new("30/09/2026", -1, null, null), Clerk("market"), default));

        due.Value!.Due.Should().Be("2026-10-08", "1–7 October are the National Day rest days; the start day is not counted");
        bad.Refusal!.Errors!.Keys.Should().BeEquivalentTo("start", "budget", "unit");
    }
}
