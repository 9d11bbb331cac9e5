using Microsoft.Extensions.DependencyInjection;

namespace OneStop.Workflows.Application.Tasks;

/// <summary>Registers the use cases of this area (scoped).</summary>
internal static class TaskUseCases
{
    public static IServiceCollection AddTaskUseCases(this IServiceCollection services) => services
        .AddScoped<ClaimTask>()
        .AddScoped<TransferTask>()
        .AddScoped<ListTasks>()
        .AddScoped<GetTask>()
        .AddScoped<ListColleagues>()
        .AddScoped<DecideTask>()
        .AddScoped<IssueCorrectionNotice>();
}
