using Microsoft.EntityFrameworkCore;
using NodaTime;
using OneStop.Workflows.Application.Definitions;
using OneStop.Workflows.Domain.Cases;
using OneStop.Workflows.Domain.Shared;
using OneStop.Workflows.Engine.Runtime;
using OneStop.Workflows.Persistence;

namespace OneStop.Workflows.Application.Instances;

/// <summary>
/// Issue 11: the Studio's instance list (designers, supervisors, administrators): filtered by definition ids, version, Elsa's statuses
/// and sub-statuses (<see cref="StudioStatuses"/>), incidents and a search term, ordered and paged in the database. The search term is
/// matched exactly: a case number, a case or instance id (each by a unique index), a definition id or a definition version id. An instance's name is its case number.
/// Ordered by created or last executed, a page is read along <c>ix_workflow_instances_created_at_id</c> / <c>…_updated_at_id</c> (read backwards
/// for the Studio's newest first) and stops after the page; by finished or name it is sorted.
/// </summary>
public sealed class ListStudioInstances(OneStopDbContext db)
{
    /// <summary>The longest search term (a longer one is refused).</summary>
    public const int MaxSearchLength = 200;

    /// <summary>The most definition ids one query may name.</summary>
    public const int MaxDefinitionIds = 100;

    /// <param name="Page">From 0.</param>
    /// <param name="Descending">Null: Elsa's default (descending, ascending by name).</param>
    public sealed record Query(
        int Page,
        int PageSize,
        string? SearchTerm,
        IReadOnlyList<string> DefinitionIds,
        int? Version,
        IReadOnlyList<StudioStatus> Statuses,
        IReadOnlyList<StudioSubStatus> SubStatuses,
        bool? HasIncidents,
        StudioInstanceOrder OrderBy,
        bool? Descending);

    public async Task<Result<Page<StudioInstanceSummary>>> ExecuteAsync(Query query, Actor actor, CancellationToken ct)
    {
        if (DefinitionRules.Readers(actor) is { } forbidden)
        {
            return forbidden;
        }

        if (query.SearchTerm is { Length: > MaxSearchLength })
        {
            return Refusal.Invalid("searchTerm", $"At most {MaxSearchLength} characters.");
        }

        if (query.DefinitionIds.Count > MaxDefinitionIds)
        {
            return Refusal.Invalid("definitionIds", $"At most {MaxDefinitionIds} definition ids.");
        }

        await using var read = await ReadTransaction.BeginAsync(db, ct);
        var rows = db.Instances.AsNoTracking();
        if (query.DefinitionIds.Count > 0)
        {
            var ids = query.DefinitionIds.ToList();
            rows = rows.Where(r => ids.Contains(r.DefinitionId));
        }

        if (query.Version is { } version)
        {
            rows = rows.Where(r => r.DefinitionVersion == version);
        }

        var statuses = Statuses(query);
        if (statuses.Count < Enum.GetValues<WorkflowStatus>().Length)
        {
            rows = rows.Where(r => statuses.Contains(r.Status));
        }

        if (!string.IsNullOrWhiteSpace(query.SearchTerm))
        {
            var term = query.SearchTerm.Trim();
            var matching = await InstancesNamedAsync(term, ct);
            // A definition version id is looked up first (its primary key), so the instances' filter stays on the definition id's index.
            var named = await db.Definitions.AsNoTracking().Where(d => d.Id == term).Select(d => new { d.DefinitionId, d.Version }).FirstOrDefaultAsync(ct);
            var versionOf = named?.DefinitionId;
            var versionNumber = named?.Version ?? 0;
            rows = rows.Where(r => matching.Contains(r.Id) || r.DefinitionId == term || (r.DefinitionId == versionOf && r.DefinitionVersion == versionNumber));
        }

        var joined = from r in rows
                     join c in db.Cases.AsNoTracking() on r.Id equals c.InstanceId into cases
                     from c in cases.DefaultIfEmpty()
                     select new Row
                     {
                         Id = r.Id,
                         DefinitionId = r.DefinitionId,
                         DefinitionVersionId = r.DefinitionVersionId,
                         DefinitionVersion = r.DefinitionVersion,
                         Status = r.Status,
                         State = r.Status == WorkflowStatus.Faulted ? r.State : null,
                         CreatedAt = r.CreatedAt,
                         UpdatedAt = r.UpdatedAt,
                         CaseId = c == null ? null : c.Id,
                         Number = c == null ? null : c.Number,
                     };
        var total = await rows.CountAsync(ct);
        var page = await Ordered(joined, query.OrderBy, query.Descending ?? query.OrderBy != StudioInstanceOrder.Name)
            .Skip(Application.Page.Skip(query.Page, query.PageSize)).Take(query.PageSize).ToListAsync(ct);
        return new Page<StudioInstanceSummary>([.. page.Select(p => Summary(p.Id, p.DefinitionId, p.DefinitionVersionId, p.DefinitionVersion, p.Status,
            p.CaseId?.ToString(), p.Number, p.State is { } state ? IncidentsOf(state) : 0, p.CreatedAt, p.UpdatedAt))], total, query.Page, query.PageSize);
    }

    /// <summary>An instance's summary in Elsa's terms.</summary>
    internal static StudioInstanceSummary Summary(WorkflowInstanceId id, string definitionId, string versionId, int version, WorkflowStatus status, string? caseId,
        string? caseNumber, int incidents, Instant createdAt, Instant updatedAt)
    {
        var (elsa, sub) = StudioStatuses.Of(status);
        return new StudioInstanceSummary(id.ToString(), definitionId, versionId, version, elsa, sub, caseId, caseNumber, incidents,
            StudioStatuses.Text(createdAt), StudioStatuses.Text(updatedAt), StudioStatuses.IsOver(status) ? StudioStatuses.Text(updatedAt) : null);
    }

    /// <summary>A row of the page (member-initialised, so that the database orders by its members).</summary>
    private sealed class Row
    {
        public WorkflowInstanceId Id { get; init; }

        public string DefinitionId { get; init; } = "";

        public string DefinitionVersionId { get; init; } = "";

        public int DefinitionVersion { get; init; }

        public WorkflowStatus Status { get; init; }

        public string? State { get; init; }

        public Instant CreatedAt { get; init; }

        public Instant UpdatedAt { get; init; }

        public CaseId? CaseId { get; init; }

        public string? Number { get; init; }
    }

    /// <summary>Our statuses the query's Elsa statuses, sub-statuses and incident flag all allow.</summary>
    private static List<WorkflowStatus> Statuses(Query query)
    {
        IEnumerable<WorkflowStatus> allowed = Enum.GetValues<WorkflowStatus>();
        if (query.Statuses.Count > 0)
        {
            allowed = allowed.Intersect(query.Statuses.SelectMany(StudioStatuses.Matching));
        }

        if (query.SubStatuses.Count > 0)
        {
            allowed = allowed.Intersect(query.SubStatuses.SelectMany(StudioStatuses.Matching));
        }

        // Incidents are recorded when an activity faults, which faults the instance.
        if (query.HasIncidents is { } incidents)
        {
            allowed = allowed.Where(s => (s == WorkflowStatus.Faulted) == incidents);
        }

        return [.. allowed];
    }

    /// <summary>The instances a search term names exactly: a case number, a case id, an instance id (each by its unique index).</summary>
    private async Task<List<WorkflowInstanceId>> InstancesNamedAsync(string term, CancellationToken ct)
    {
        var found = await db.Cases.AsNoTracking().Where(c => c.Number == term).Select(c => c.InstanceId).ToListAsync(ct);
        if (Guid.TryParse(term, out var guid))
        {
            var caseId = new CaseId(guid);
            found.AddRange(await db.Cases.AsNoTracking().Where(c => c.Id == caseId).Select(c => c.InstanceId).ToListAsync(ct));
            found.Add(new WorkflowInstanceId(guid));
        }

        return found;
    }

    private static int IncidentsOf(string state) => Persistence.Workflows.InstanceStateJson.Deserialize(state).Incidents.Count;

    private static IQueryable<Row> Ordered(IQueryable<Row> rows, StudioInstanceOrder order, bool descending) => (order, descending) switch
    {
        (StudioInstanceOrder.LastExecuted, false) => rows.OrderBy(r => r.UpdatedAt).ThenBy(r => r.Id),
        (StudioInstanceOrder.LastExecuted, true) => rows.OrderByDescending(r => r.UpdatedAt).ThenByDescending(r => r.Id),
        // Finished: the instances that are over by their last update (their finish); the others after them, as Elsa's nulls.
        (StudioInstanceOrder.Finished, false) => rows.OrderBy(r => r.Status == WorkflowStatus.Running || r.Status == WorkflowStatus.Waiting).ThenBy(r => r.UpdatedAt).ThenBy(r => r.Id),
        (StudioInstanceOrder.Finished, true) => rows.OrderBy(r => r.Status == WorkflowStatus.Running || r.Status == WorkflowStatus.Waiting).ThenByDescending(r => r.UpdatedAt).ThenByDescending(r => r.Id),
        (StudioInstanceOrder.Name, false) => rows.OrderBy(r => r.Number).ThenBy(r => r.Id),
        (StudioInstanceOrder.Name, true) => rows.OrderByDescending(r => r.Number).ThenByDescending(r => r.Id),
        (_, false) => rows.OrderBy(r => r.CreatedAt).ThenBy(r => r.Id),
        (_, true) => rows.OrderByDescending(r => r.CreatedAt).ThenByDescending(r => r.Id),
    };
}

/// <summary>How <see cref="ListStudioInstances"/> orders (Elsa's <c>OrderByWorkflowInstance</c>).</summary>
public enum StudioInstanceOrder
{
    Created,
    LastExecuted,
    Finished,
    Name,
}
