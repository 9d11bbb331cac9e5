using Hangfire.Dashboard;
using OneStop.Workflows.Domain.People;
using OneStop.Workflows.Server.Hosting;

namespace OneStop.Workflows.Server.Features.Supervision;

/// <summary>
/// Lets only administrators into the Hangfire dashboard (<c>/hangfire</c>), judged by the request's signed-in user (the
/// sign-in cookie in a browser, or a bearer token). Hangfire answers 401 to the anonymous and 403 to other staff; an
/// anonymous browser is usually redirected to sign in before reaching it.
/// </summary>
internal sealed class AdministratorsOnlyDashboardFilter : IDashboardAsyncAuthorizationFilter
{
    public Task<bool> AuthorizeAsync(DashboardContext context) =>
        Task.FromResult(CurrentUser.From(context.GetHttpContext().User) is { Role: Role.Administrator });
}
