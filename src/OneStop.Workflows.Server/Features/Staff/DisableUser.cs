using OneStop.Workflows.Domain.Audit;
using OneStop.Workflows.Server.Hosting;

namespace OneStop.Workflows.Server.Features.Staff;

/// <summary>An administrator disables an account: it can no longer sign in, and its tokens and cookies end.</summary>
public static class DisableUser
{
    public static async Task<StaffOutcome<UserView>> HandleAsync(string userName, Actor actor, StaffContext staff, CancellationToken ct)
    {
        await using var db = await staff.Databases.CreateDbContextAsync(ct);
        var (user, missing) = await StaffRules.FindAsync(db, userName, ct);
        if (user is null)
        {
            return missing!;
        }

        if (StaffRules.NotOnSelf(userName, actor, "disable") is { } self)
        {
            return self;
        }

        if (user.Disable() is { } already)
        {
            return StaffRefusal.Conflict(already, "user.already-disabled");
        }

        StaffContext.Audit(db, staff.Clock.GetCurrentInstant(), actor.UserName, AuditActions.UserDisabled, userName, new { before = new { active = true }, after = new { active = false } });
        await StaffRoutes.SaveAndForgetAsync(db, staff, user, ct);
        return UserView.From(user);
    }

    public static void MapDisableUser(this RouteGroupBuilder api) =>
        api.MapPost("/admin/users/{userName}/disable", async (string userName, HttpContext http, StaffContext staff, CancellationToken ct) =>
                StaffRoutes.Answer(await HandleAsync(userName, CurrentUser.From(http.User)!, staff, ct), Results.Ok))
            .RequireAuthorization(Policies.Administration)
            .WithName("DisableUser").WithSummary("Disable an account; its tokens and cookies end.")
            .Produces<UserView>().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
}
