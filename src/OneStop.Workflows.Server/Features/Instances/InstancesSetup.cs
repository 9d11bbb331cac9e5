namespace OneStop.Workflows.Server.Features.Instances;

/// <summary>The runtime's raw routes for designers: start an instance, read it, resume one of its bookmarks (a case's instance refuses raw resumes).</summary>
public static class InstancesSetup
{
    public static RouteGroupBuilder MapInstances(this RouteGroupBuilder api)
    {
        api.MapStartInstance();
        api.MapGetInstance();
        api.MapResumeBookmark();
        return api;
    }
}
