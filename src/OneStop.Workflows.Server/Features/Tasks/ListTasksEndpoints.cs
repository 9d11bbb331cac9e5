using OneStop.Workflows.Application.Tasks;
using OneStop.Workflows.Server.Hosting;

namespace OneStop.Workflows.Server.Features.Tasks;

/// <summary>Route: the inbox (use case <see cref="ListTasks"/>).</summary>
public static class ListTasksEndpoints
{
    public static void MapListTasks(this RouteGroupBuilder api) =>
        api.MapGet("/tasks", HandleAsync).RequireAuthorization(Policies.Inbox)
            .WithName("ListTasks").WithSummary("scope=mine (assigned to me) or department (my departments' open and paused tasks); department= one of mine (default: all of them); paged, 0-based.")
            .Produces<ListTasks.Page>().ProducesProblem(StatusCodes.Status400BadRequest);

    private static async Task<IResult> HandleAsync(HttpContext http, ListTasks list, string? scope, string? page, string? pageSize, string? sort,
        string? department, CancellationToken ct)
    {
        scope ??= "department";
        var errors = new Dictionary<string, string[]>();
        if (scope is not ("mine" or "department"))
        {
            errors["scope"] = ["scope is 'mine' or 'department'."];
        }

        if (sort is not (null or "created" or "due"))
        {
            errors["sort"] = ["sort is 'created' (newest first, the default) or 'due' (due day ascending)."];
        }

        if (department is not null && Domain.Catalogue.Department.CodeProblem(department) is not null)
        {
            errors["department"] = ["department is a department code (one of yours); leave it out for all of them."];
        }

        var paging = Paging.Read(page, pageSize, errors);
        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }

        var query = new ListTasks.Query(scope == "mine" ? ListTasks.Scope.Mine : ListTasks.Scope.Department, paging.Number, paging.Size,
            sort == "due" ? ListTasks.Order.Due : ListTasks.Order.Created, department);
        return (await list.ExecuteAsync(query, CurrentUser.From(http.User)!, ct)).ToHttp();
    }
}
