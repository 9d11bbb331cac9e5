using Microsoft.Extensions.DependencyInjection;

namespace OneStop.Workflows.Application.Home;

/// <summary>Registers the use cases of this area (scoped).</summary>
internal static class HomeUseCases
{
    public static IServiceCollection AddHomeUseCases(this IServiceCollection services) => services
        .AddScoped<GetMyDesk>();
}
