using FluentAssertions;
using OneStop.Workflows.Application;
using OneStop.Workflows.Application.Staff;
using OneStop.Workflows.Domain.People;
using OneStop.Workflows.Domain.Shared;
using OneStop.Workflows.IntegrationTests.Infrastructure;

namespace OneStop.Workflows.IntegrationTests.UseCases;

/// <summary>Staff administration called as use cases (issue 9): the administrator-only rule and the refusals the routes give, without HTTP.</summary>
public sealed class StaffUseCases_Issue9Tests(PostgresServerFixture postgres) : UseCaseTestBase(postgres)
{
    private static readonly Actor Admin = new("admin", Role.Administrator, null);

    [Fact]
    public async Task CreateUser_ByAnAdministrator_AnswersAOneTimePassword_AndTheAccountMustChangeIt()
    {
        var created = await Run<CreateUser, Result<UserWithOneTimePassword>>(u =>
            u.ExecuteAsync(new("clerk.new", "王 Wang", "WindowClerk", "market"), Admin, default));
        var read = await Run<GetUser, Result<UserView>>(u => u.ExecuteAsync(new("clerk.new"), Admin, default));

        created.Refusal.Should().BeNull();
        created.Value!.OneTimePassword.Should().NotBeNullOrEmpty();
        read.Value.Should().BeEquivalentTo(new UserView("clerk.new", "王 Wang", Role.WindowClerk, "market", Active: true, MustChangePassword: true));
    }

    [Fact]
    public async Task CreateUser_ByADepartmentHead_IsForbidden_AndCreatesNothing()
    {
        var refused = await Run<CreateUser, Result<UserWithOneTimePassword>>(u =>
            u.ExecuteAsync(new("clerk.sneaky", "李 Li", "WindowClerk", "market"), Head("market"), default));
        var read = await Run<GetUser, Result<UserView>>(u => u.ExecuteAsync(new("clerk.sneaky"), Admin, default));

        refused.Refusal!.Kind.Should().Be(RefusalKind.Forbidden);
        read.Refusal!.Kind.Should().Be(RefusalKind.NotFound);
        read.Refusal.Message.Should().Be("No user is named 'clerk.sneaky'.");
    }

    [Fact]
    public async Task CreateUser_WithAnUnknownRoleAndNoDisplayName_IsInvalid_ByField()
    {
        var refused = await Run<CreateUser, Result<UserWithOneTimePassword>>(u =>
            u.ExecuteAsync(new("clerk.new", null, "Janitor", "market"), Admin, default));

        refused.Refusal!.Kind.Should().Be(RefusalKind.Invalid);
        refused.Refusal.Errors!.Keys.Should().BeEquivalentTo("displayName", "role");
    }

    [Fact]
    public async Task DisableUser_OnOwnAccount_IsRefused_WithCodeUserSelf()
    {
        var refused = await Run<DisableUser, Result<UserView>>(u => u.ExecuteAsync(new("admin"), Admin, default));

        refused.Refusal!.Code.Should().Be("user.self");
        refused.Refusal.Kind.Should().Be(RefusalKind.Conflict);
    }

    [Fact]
    public async Task ChangeOwnPassword_WithTheWrongCurrentPassword_IsInvalid_UnderCurrentPassword()
    {
        var refused = await Run<ChangeOwnPassword, Result<bool>>(u =>
            u.ExecuteAsync(new("not-my-password", "A-much-better-passphrase-2026"), Clerk("market"), default));

        refused.Refusal!.Errors.Should().ContainKey("currentPassword").WhoseValue.Should().Equal("The current password is wrong.");
    }

    [Fact]
    public async Task RetireDepartment_WithAnOpenCase_IsRefused_AndTheDepartmentStaysActive()
    {
        await Driver.SubmitAsync("clerk.market", "food-business-licence");

        var refused = await Run<RetireDepartment, Result<DepartmentView>>(u => u.ExecuteAsync(new("market"), Admin, default));
        var departments = await Run<Application.Catalogue.ListDepartments, Result<Application.Catalogue.ListDepartments.Response>>(u =>
            u.ExecuteAsync(new(), Clerk("market"), default));

        refused.Refusal!.Code.Should().Be("department.has-open-work");
        departments.Value!.Items.Single(d => d.Code == "market").Active.Should().BeTrue();
    }
}
