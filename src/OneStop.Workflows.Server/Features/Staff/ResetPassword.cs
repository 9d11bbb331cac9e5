using OneStop.Workflows.Domain.Audit;
using OneStop.Workflows.Server.Hosting;

namespace OneStop.Workflows.Server.Features.Staff;

/// <summary>
/// An administrator resets a user's password to a new one-time password (answered once, never stored in the clear); the
/// user's tokens and cookies end and the user must change the password at the next sign-in.
/// </summary>
public static class ResetPassword
{
    public static async Task<StaffOutcome<UserWithOneTimePassword>> HandleAsync(string userName, Actor actor, StaffContext staff, CancellationToken ct)
    {
        await using var db = await staff.Databases.CreateDbContextAsync(ct);
        var (user, missing) = await StaffRules.FindAsync(db, userName, ct);
        if (user is null)
        {
            return missing!;
        }

        if (StaffRules.NotOnSelf(userName, actor, "reset the password of") is { } self)
        {
            return self;
        }

        var password = OneTimePasswords.New(userName);
        user.ResetPassword(staff.Hasher.HashPassword(user, password));
        StaffContext.Audit(db, staff.Clock.GetCurrentInstant(), actor.UserName, AuditActions.PasswordReset, userName, new { after = new { mustChangePassword = true } });
        await StaffRoutes.SaveAndForgetAsync(db, staff, user, ct);
        return new UserWithOneTimePassword(UserView.From(user), password);
    }

    public static void MapResetPassword(this RouteGroupBuilder api) =>
        api.MapPost("/admin/users/{userName}/reset-password", async (string userName, HttpContext http, StaffContext staff, CancellationToken ct) =>
                StaffRoutes.Answer(await HandleAsync(userName, CurrentUser.From(http.User)!, staff, ct), Results.Ok))
            .RequireAuthorization(Policies.Administration)
            .WithName("ResetPassword").WithSummary("Give a user a one-time password (answered once); they must change it at the next sign-in.")
            .Produces<UserWithOneTimePassword>().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
}
