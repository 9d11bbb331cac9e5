using Microsoft.Extensions.DependencyInjection;

namespace OneStop.Workflows.Application.Cases;

/// <summary>Registers the use cases of this area (scoped).</summary>
internal static class CaseUseCases
{
    public static IServiceCollection AddCaseUseCases(this IServiceCollection services) => services
        .AddScoped<SubmitCase>()
        .AddScoped<GetCase>()
        .AddScoped<GetCorrectionNotices>()
        .AddScoped<ListCases>()
        .AddScoped<SubmitCorrections>()
        .AddScoped<UpdateDelivery>()
        .AddScoped<QueryCaseProgress>();
}
