using Microsoft.Extensions.DependencyInjection;

namespace OneStop.Workflows.Application.Instances;

/// <summary>Registers the use cases of this area (scoped).</summary>
internal static class InstanceUseCases
{
    public static IServiceCollection AddInstanceUseCases(this IServiceCollection services) => services
        .AddScoped<StartInstance>()
        .AddScoped<ResumeBookmark>()
        .AddScoped<GetInstance>()
        .AddScoped<ListStudioInstances>()
        .AddScoped<GetStudioInstance>()
        .AddScoped<GetStudioExecutionState>()
        .AddScoped<GetStudioJournal>()
        .AddScoped<ListActivityExecutions>()
        .AddScoped<FindActivityExecution>()
        .AddScoped<GetActivityExecutionReport>();
}
