using OneStop.Workflows.Application.Staff;
using OneStop.Workflows.Server.Hosting;

namespace OneStop.Workflows.Server.Features.Staff;

/// <summary>Route: add a department (use case <see cref="CreateDepartment"/>).</summary>
public static class CreateDepartmentEndpoints
{
    public static void MapCreateDepartment(this RouteGroupBuilder api) =>
        api.MapPost("/admin/departments", async (HttpContext http, CreateDepartment create, CancellationToken ct) =>
            {
                var (command, bad) = await RequestJson.ReadAsync<CreateDepartment.Command>(http.Request, ct);
                return command is null
                    ? bad!
                    : (await create.ExecuteAsync(command, CurrentUser.From(http.User)!, ct)).ToHttp(d => Results.Created($"/api/departments/{d.Code}", d));
            })
            .RequireAuthorization(Policies.Administration)
            .WithName("CreateDepartment").WithSummary("Add a department {code, chineseName, englishName, parentCode?}.")
            .Accepts<CreateDepartment.Command>("application/json").Produces<DepartmentView>(StatusCodes.Status201Created)
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict);
}
