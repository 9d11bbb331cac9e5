using Microsoft.Extensions.DependencyInjection;

namespace OneStop.Workflows.Application.Staff;

/// <summary>Registers the use cases of this area (scoped).</summary>
internal static class StaffUseCases
{
    public static IServiceCollection AddStaffUseCases(this IServiceCollection services) => services;
}
