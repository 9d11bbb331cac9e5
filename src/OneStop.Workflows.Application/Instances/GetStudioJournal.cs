using Microsoft.EntityFrameworkCore;
using OneStop.Workflows.Application.Definitions;
using OneStop.Workflows.Domain.Shared;
using OneStop.Workflows.Engine.Hosting;
using OneStop.Workflows.Engine.Runtime;
using OneStop.Workflows.Persistence;

namespace OneStop.Workflows.Application.Instances;

/// <summary>
/// Issue 11: an instance's journal, oldest first, filtered as the Studio asks (activity ids, node ids, excluded activity types, event
/// names; an empty or missing list does not filter) and paged by <c>skip</c> / <c>take</c>.
/// </summary>
public sealed class GetStudioJournal(IWorkflowInstanceStore store, OneStopDbContext db)
{
    /// <summary>The most entries one read returns.</summary>
    public const int MaxTake = Page.MaxSize;

    /// <summary>The entries a read returns when it names no <c>take</c>.</summary>
    public const int DefaultTake = 100;

    public sealed record Filter(IReadOnlyList<string>? ActivityIds, IReadOnlyList<string>? ActivityNodeIds, IReadOnlyList<string>? ExcludedActivityTypes, IReadOnlyList<string>? EventNames);

    public sealed record Query(string InstanceId, Filter? Filter, int Skip, int Take);

    /// <summary>A page of records and how many match in all.</summary>
    public sealed record Response(IReadOnlyList<StudioJournalRecord> Items, int TotalCount);

    public async Task<Result<Response>> ExecuteAsync(Query query, Actor actor, CancellationToken ct)
    {
        if (DefinitionRules.Readers(actor) is { } forbidden)
        {
            return forbidden;
        }

        if (query.Skip < 0)
        {
            return Refusal.Invalid("skip", "A whole number from 0.");
        }

        if (query.Take is < 1 or > MaxTake)
        {
            return Refusal.Invalid("take", $"A whole number from 1 to {MaxTake}.");
        }

        if (await new StudioInstanceReader(store, db).ReadAsync(query.InstanceId, ct) is not { } view)
        {
            return HostRefusals.From(HostError.InstanceNotFound);
        }

        IEnumerable<StudioJournalRecord> records = view.Journal;
        if (query.Filter is { } f)
        {
            records = Keep(records, f.ActivityIds, r => r.ActivityId);
            records = Keep(records, f.ActivityNodeIds, r => r.NodeId);
            records = Keep(records, f.EventNames, r => r.EventName);
            if (f.ExcludedActivityTypes is { Count: > 0 } excluded)
            {
                var set = excluded.ToHashSet(StringComparer.Ordinal);
                records = records.Where(r => !set.Contains(r.ActivityType));
            }
        }

        var matching = records.ToList();
        return new Response([.. matching.Skip(query.Skip).Take(query.Take)], matching.Count);
    }

    private static IEnumerable<StudioJournalRecord> Keep(IEnumerable<StudioJournalRecord> records, IReadOnlyList<string>? values, Func<StudioJournalRecord, string> key)
    {
        if (values is not { Count: > 0 })
        {
            return records;
        }

        var set = values.ToHashSet(StringComparer.Ordinal);
        return records.Where(r => set.Contains(key(r)));
    }
}
