using Microsoft.Extensions.DependencyInjection;
using OneStop.Workflows.Application.Calendar;
using OneStop.Workflows.Application.Cases;
using OneStop.Workflows.Application.Catalogue;
using OneStop.Workflows.Application.Clocks;
using OneStop.Workflows.Application.Definitions;
using OneStop.Workflows.Application.Home;
using OneStop.Workflows.Application.Instances;
using OneStop.Workflows.Application.SimulatedTime;
using OneStop.Workflows.Application.Staff;
using OneStop.Workflows.Application.Supervision;
using OneStop.Workflows.Application.Tasks;

namespace OneStop.Workflows.Application;

/// <summary>
/// Registers every use case, scoped: a use case works on the request's (or job's) one <c>OneStopDbContext</c>, its unit of
/// work. Each area registers its own in <c>&lt;Area&gt;/&lt;Area&gt;UseCases.cs</c>.
/// </summary>
public static class ApplicationServiceCollectionExtensions
{
    public static IServiceCollection AddOneStopApplication(this IServiceCollection services) => services
        .AddCaseUseCases()
        .AddTaskUseCases()
        .AddClockUseCases()
        .AddSupervisionUseCases()
        .AddCatalogueUseCases()
        .AddCalendarUseCases()
        .AddStaffUseCases()
        .AddSimulatedTimeUseCases()
        .AddDefinitionUseCases()
        .AddInstanceUseCases()
        .AddHomeUseCases();
}
