using OneStop.Workflows.Application.Staff;
using OneStop.Workflows.Server.Hosting;

namespace OneStop.Workflows.Server.Features.Staff;

/// <summary>The route of <see cref="RetireDepartment"/>: Retire a department: it keeps its history and gets no new work.</summary>
public static class RetireDepartmentEndpoints
{
    public static void MapRetireDepartment(this RouteGroupBuilder api) =>
        api.MapPost("/admin/departments/{code}/retire", async (string code, HttpContext http, RetireDepartment useCase, CancellationToken ct) =>
                (await useCase.ExecuteAsync(new(code), CurrentUser.From(http.User)!, ct)).ToHttp())
            .RequireAuthorization(Policies.Administration)
            .WithName("RetireDepartment").WithSummary("Retire a department: it keeps its history and gets no new work.")
            .Produces<DepartmentView>().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
}
