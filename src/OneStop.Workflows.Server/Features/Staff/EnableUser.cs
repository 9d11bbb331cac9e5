using OneStop.Workflows.Domain.Audit;
using OneStop.Workflows.Server.Hosting;

namespace OneStop.Workflows.Server.Features.Staff;

/// <summary>An administrator enables a disabled account; the user signs in again (tokens from before the disabling stay ended).</summary>
public static class EnableUser
{
    public static async Task<StaffOutcome<UserView>> HandleAsync(string userName, Actor actor, StaffContext staff, CancellationToken ct)
    {
        await using var db = await staff.Databases.CreateDbContextAsync(ct);
        var (user, missing) = await StaffRules.FindAsync(db, userName, ct);
        if (user is null)
        {
            return missing!;
        }

        if (user.Enable() is { } already)
        {
            return StaffRefusal.Conflict(already, "user.already-active");
        }

        StaffContext.Audit(db, staff.Clock.GetCurrentInstant(), actor.UserName, AuditActions.UserEnabled, userName, new { before = new { active = false }, after = new { active = true } });
        await StaffRoutes.SaveAndForgetAsync(db, staff, user, ct);
        return UserView.From(user);
    }

    public static void MapEnableUser(this RouteGroupBuilder api) =>
        api.MapPost("/admin/users/{userName}/enable", async (string userName, HttpContext http, StaffContext staff, CancellationToken ct) =>
                StaffRoutes.Answer(await HandleAsync(userName, CurrentUser.From(http.User)!, staff, ct), Results.Ok))
            .RequireAuthorization(Policies.Administration)
            .WithName("EnableUser").WithSummary("Enable a disabled account.")
            .Produces<UserView>().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
}
