using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NodaTime.Serialization.SystemTextJson;
using OneStop.Workflows.IntegrationTests.Api;
using OneStop.Workflows.Persistence;

namespace OneStop.Workflows.IntegrationTests.Cases;

/// <summary>Every row of the tables a command could change, as text, to compare before and after.</summary>
public static class DatabaseSnapshot
{
    private static readonly JsonSerializerOptions Options = new JsonSerializerOptions(JsonSerializerDefaults.Web).ConfigureForNodaTime(NodaTime.DateTimeZoneProviders.Tzdb);

    public static async Task<string> TakeAsync(OneStopApiFactory factory)
    {
        await using var db = await factory.Services.GetRequiredService<IDbContextFactory<OneStopDbContext>>().CreateDbContextAsync();
        var parts = new Dictionary<string, object>
        {
            ["cases"] = (await db.Cases.AsNoTracking().ToListAsync()).OrderBy(c => c.Id.Value),
            ["tasks"] = (await db.Tasks.AsNoTracking().ToListAsync()).OrderBy(t => t.Id),
            ["notices"] = (await db.CorrectionNotices.AsNoTracking().ToListAsync()).OrderBy(n => n.Id),
            ["notifications"] = (await db.Notifications.AsNoTracking().ToListAsync()).OrderBy(n => n.Id),
            ["audit"] = (await db.AuditEvents.AsNoTracking().ToListAsync()).OrderBy(e => e.Id),
            ["instances"] = (await db.Instances.AsNoTracking().ToListAsync()).OrderBy(i => i.Id.Value),
            ["bookmarks"] = (await db.Bookmarks.AsNoTracking().ToListAsync()).OrderBy(b => b.Id.Value),
            ["journal"] = (await db.Journal.AsNoTracking().ToListAsync()).OrderBy(j => j.InstanceId.Value).ThenBy(j => j.Sequence),
            ["items"] = (await db.ServiceItems.AsNoTracking().ToListAsync()).OrderBy(i => i.Code),
        };
        return JsonSerializer.Serialize(parts, Options);
    }
}
