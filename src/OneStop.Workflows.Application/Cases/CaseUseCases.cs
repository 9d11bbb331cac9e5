using Microsoft.Extensions.DependencyInjection;

namespace OneStop.Workflows.Application.Cases;

/// <summary>Registers the use cases of this area (scoped).</summary>
internal static class CaseUseCases
{
    public static IServiceCollection AddCaseUseCases(this IServiceCollection services) => services;
}
