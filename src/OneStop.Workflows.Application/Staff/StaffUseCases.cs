using Microsoft.Extensions.DependencyInjection;

namespace OneStop.Workflows.Application.Staff;

/// <summary>Registers the use cases of this area (scoped). The host provides <see cref="IAccountStandingCache"/> and <c>IPasswordHasher&lt;UserAccount&gt;</c>.</summary>
internal static class StaffUseCases
{
    public static IServiceCollection AddStaffUseCases(this IServiceCollection services) => services
        .AddScoped<ListUsers>()
        .AddScoped<GetUser>()
        .AddScoped<CreateUser>()
        .AddScoped<ChangeUserRole>()
        .AddScoped<DisableUser>()
        .AddScoped<EnableUser>()
        .AddScoped<ResetPassword>()
        .AddScoped<ChangeOwnPassword>()
        .AddScoped<CreateAdministrator>()
        .AddScoped<CreateDepartment>()
        .AddScoped<RenameDepartment>()
        .AddScoped<RetireDepartment>();
}
