using OneStop.Workflows.Application.Staff;
using OneStop.Workflows.Server.Hosting;

namespace OneStop.Workflows.Server.Features.Staff;

/// <summary>Route: rename a department (use case <see cref="RenameDepartment"/>).</summary>
public static class RenameDepartmentEndpoints
{
    /// <summary>The body: the new Chinese and English names.</summary>
    public sealed record Request(string? ChineseName, string? EnglishName);

    public static void MapRenameDepartment(this RouteGroupBuilder api) =>
        api.MapPut("/admin/departments/{code}", async (string code, HttpContext http, RenameDepartment rename, CancellationToken ct) =>
            {
                var (request, bad) = await RequestJson.ReadAsync<Request>(http.Request, ct);
                return request is null
                    ? bad!
                    : (await rename.ExecuteAsync(new(code, request.ChineseName, request.EnglishName), CurrentUser.From(http.User)!, ct)).ToHttp();
            })
            .RequireAuthorization(Policies.Administration)
            .WithName("RenameDepartment").WithSummary("Rename a department {chineseName, englishName}.")
            .Accepts<Request>("application/json").Produces<DepartmentView>()
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
}
