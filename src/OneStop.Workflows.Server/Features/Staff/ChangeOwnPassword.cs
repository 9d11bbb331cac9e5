using Microsoft.AspNetCore.Identity;
using OneStop.Workflows.Domain.Audit;
using OneStop.Workflows.Server.Hosting;

namespace OneStop.Workflows.Server.Features.Staff;

/// <summary>
/// A signed-in user changes their own password (the current one and a new one that meets the rules). Every token and
/// cookie of the account ends, this one included: sign in again with the new password. Clears a one-time password.
/// </summary>
public static class ChangeOwnPassword
{
    public sealed record Command(string? CurrentPassword, string? NewPassword);

    public static async Task<StaffOutcome<bool>> HandleAsync(Command command, Actor actor, StaffContext staff, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(command.CurrentPassword))
        {
            return StaffRefusal.Invalid("currentPassword", "The current password is required.");
        }

        await using var db = await staff.Databases.CreateDbContextAsync(ct);
        var (user, missing) = await StaffRules.FindAsync(db, actor.UserName, ct);
        if (user is null)
        {
            return missing!;
        }

        if (staff.Hasher.VerifyHashedPassword(user, user.PasswordHash, command.CurrentPassword) == PasswordVerificationResult.Failed)
        {
            return StaffRefusal.Invalid("currentPassword", "The current password is wrong.");
        }

        if (StaffContext.PasswordRefusal("newPassword", command.NewPassword, user.UserName) is { } weak)
        {
            return weak;
        }

        if (command.NewPassword == command.CurrentPassword)
        {
            return StaffRefusal.Invalid("newPassword", "The new password must differ from the current one.");
        }

        var wasOneTime = user.MustChangePassword;
        user.ChangePassword(staff.Hasher.HashPassword(user, command.NewPassword!));
        StaffContext.Audit(db, staff.Clock.GetCurrentInstant(), actor.UserName, AuditActions.PasswordChanged, actor.UserName, new { oneTimePasswordReplaced = wasOneTime });
        await StaffRoutes.SaveAndForgetAsync(db, staff, user, ct);
        return true;
    }

    public static void MapChangeOwnPassword(this RouteGroupBuilder api) =>
        api.MapPost("/auth/password", async (HttpContext http, StaffContext staff) =>
            {
                var answer = await StaffRoutes.BodyAsync<Command, bool>(http, (command, actor, ct) => HandleAsync(command, actor, staff, ct));
                return answer is IStatusCodeHttpResult { StatusCode: StatusCodes.Status200OK } ? Results.NoContent() : answer;
            })
            .RequireAuthorization(Policies.Staff)
            .WithMetadata(new AllowedWhilePasswordChangeRequired())
            .WithName("ChangeOwnPassword").WithSummary("Change your own password {currentPassword, newPassword}; then sign in again.")
            .Accepts<Command>("application/json").Produces(StatusCodes.Status204NoContent).ProducesValidationProblem();
}
