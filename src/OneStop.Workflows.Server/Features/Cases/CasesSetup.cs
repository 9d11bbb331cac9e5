using OneStop.Workflows.Server.Features.Home;
using OneStop.Workflows.Server.Features.Tasks;

namespace OneStop.Workflows.Server.Features.Cases;

/// <summary>Routes of cases, the inbox and the applicant's progress query (their use cases are registered by the Application project).</summary>
public static class CasesSetup
{
    public static RouteGroupBuilder MapCases(this RouteGroupBuilder api)
    {
        api.MapSubmitCase();
        api.MapGetCase();
        api.MapGetCorrectionNotices();
        api.MapListCases();
        api.MapSubmitCorrections();
        api.MapUpdateDelivery();
        api.MapQueryCaseProgress();
        api.MapListTasks();
        api.MapClaimAndTransfer();
        api.MapGetTask();
        api.MapListColleagues(); // issue 10
        api.MapDecideTask();
        api.MapGetMyDesk(); // issue 10: the home page's counts (mapped here to leave ServerSetup alone; may move to its own MapHome)
        return api;
    }
}
