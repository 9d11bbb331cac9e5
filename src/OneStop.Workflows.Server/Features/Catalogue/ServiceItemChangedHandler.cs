using OneStop.Workflows.Persistence.Approval;
using OneStop.Workflows.Server.Hosting;

namespace OneStop.Workflows.Server.Features.Catalogue;

/// <summary>Every node on PostgreSQL: forgets a kept service item when any node has changed it (ADR 0012; payload: the item's code).</summary>
public sealed class ServiceItemChangedHandler(ServiceItemCache items) : INodeNotificationHandler
{
    public string Channel => ServiceItemCache.ChangedChannel;

    public Task HandleAsync(string payload, CancellationToken ct)
    {
        items.Forget(payload);
        return Task.CompletedTask;
    }
}
