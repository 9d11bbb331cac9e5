using OneStop.Workflows.Domain.People;
using OneStop.Workflows.Persistence;
using OneStop.Workflows.Server.Hosting;

namespace OneStop.Workflows.Server.Features.Staff;

/// <summary>The staff administration routes (administrators; change own password: every signed-in user) and their services.</summary>
public static class StaffRoutes
{
    public static IServiceCollection AddStaff(this IServiceCollection services, IConfiguration configuration)
    {
        AccountStandings.ReadCacheSeconds(configuration); // a bad Auth:AccountCheckSeconds stops the start, not the first request
        services.AddMemoryCache();
        services.AddSingleton<AccountStandings>();
        services.AddSingleton<StaffContext>();
        return services;
    }

    public static RouteGroupBuilder MapStaff(this RouteGroupBuilder api)
    {
        api.MapListUsers();
        api.MapGetUser();
        api.MapCreateUser();
        api.MapChangeUserRole();
        api.MapDisableUser();
        api.MapEnableUser();
        api.MapResetPassword();
        api.MapChangeOwnPassword();
        api.MapCreateDepartment();
        api.MapRenameDepartment();
        api.MapRetireDepartment();
        return api;
    }

    /// <summary>The outcome as an answer: <paramref name="ok"/> of the value, or the refusal's ProblemDetails.</summary>
    public static IResult Answer<T>(StaffOutcome<T> outcome, Func<T, IResult> ok) =>
        outcome.Refusal is { } refusal ? Problems.From(refusal) : ok(outcome.Value!);

    /// <summary>Reads the body as <typeparamref name="T"/>, runs <paramref name="handle"/> and answers 200 with its value (or the refusal).</summary>
    public static async Task<IResult> BodyAsync<T, TResult>(HttpContext http, Func<T, Actor, CancellationToken, Task<StaffOutcome<TResult>>> handle)
        where T : class
    {
        var (command, bad) = await RequestJson.ReadAsync<T>(http.Request, http.RequestAborted);
        return command is null ? bad! : Answer(await handle(command, CurrentUser.From(http.User)!, http.RequestAborted), v => Results.Ok(v));
    }

    /// <summary>Saves the change of <paramref name="user"/> and forgets its kept standing on this node (its tokens end at once here).</summary>
    public static async Task SaveAndForgetAsync(OneStopDbContext db, StaffContext staff, UserAccount user, CancellationToken ct)
    {
        await db.SaveChangesAsync(ct);
        staff.Standings.Forget(user.UserName);
    }
}
