using OneStop.Workflows.Application.Staff;
using OneStop.Workflows.Server.Hosting;

namespace OneStop.Workflows.Server.Features.Staff;

/// <summary>Route: create a member of staff with a one-time password (use case <see cref="CreateUser"/>).</summary>
public static class CreateUserEndpoints
{
    public static void MapCreateUser(this RouteGroupBuilder api) =>
        api.MapPost("/admin/users", async (HttpContext http, CreateUser create, CancellationToken ct) =>
            {
                var (command, bad) = await RequestJson.ReadAsync<CreateUser.Command>(http.Request, ct);
                return command is null
                    ? bad!
                    : (await create.ExecuteAsync(command, CurrentUser.From(http.User)!, ct)).ToHttp(v => Results.Created($"/api/admin/users/{v.User.UserName}", v));
            })
            .RequireAuthorization(Policies.Administration)
            .WithName("CreateUser").WithSummary("Create a member of staff; answers the one-time password (shown once).")
            .Accepts<CreateUser.Command>("application/json").Produces<UserWithOneTimePassword>(StatusCodes.Status201Created)
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict);
}
