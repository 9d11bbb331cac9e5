using OneStop.Workflows.Application.Staff;

namespace OneStop.Workflows.Server.Features.Staff;

/// <summary>The staff administration routes (administrators; change own password: every signed-in user) and their services.</summary>
public static class StaffSetup
{
    public static IServiceCollection AddStaff(this IServiceCollection services, IConfiguration configuration)
    {
        AccountStandings.ReadCacheSeconds(configuration); // a bad Auth:AccountCheckSeconds stops the start, not the first request
        services.AddMemoryCache();
        services.AddSingleton<AccountStandings>();
        services.AddSingleton<IAccountStandingCache, AccountStandingCache>();
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
}
