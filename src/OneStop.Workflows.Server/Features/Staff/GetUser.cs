using OneStop.Workflows.Server.Hosting;

namespace OneStop.Workflows.Server.Features.Staff;

/// <summary>One staff account.</summary>
public static class GetUser
{
    public static async Task<StaffOutcome<UserView>> HandleAsync(string userName, StaffContext staff, CancellationToken ct)
    {
        await using var db = await staff.Databases.CreateDbContextAsync(ct);
        var (user, missing) = await StaffRules.FindAsync(db, userName, ct);
        return user is null ? missing! : UserView.From(user);
    }

    public static void MapGetUser(this RouteGroupBuilder api) =>
        api.MapGet("/admin/users/{userName}", async (string userName, StaffContext staff, CancellationToken ct) =>
                StaffRoutes.Answer(await HandleAsync(userName, staff, ct), Results.Ok))
            .RequireAuthorization(Policies.Administration)
            .WithName("GetUser").WithSummary("One staff account.")
            .Produces<UserView>().ProducesProblem(StatusCodes.Status404NotFound);
}
