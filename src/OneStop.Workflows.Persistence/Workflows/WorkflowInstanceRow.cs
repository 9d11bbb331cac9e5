using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using NodaTime;
using OneStop.Workflows.Engine.Hosting;
using OneStop.Workflows.Engine.Runtime;

namespace OneStop.Workflows.Persistence.Workflows;

/// <summary>A row of <c>workflow_instances</c>. <see cref="Version"/> is the optimistic concurrency counter.</summary>
public sealed class WorkflowInstanceRow
{
    public WorkflowInstanceId Id { get; set; }

    public required string DefinitionId { get; set; }

    public required string DefinitionVersionId { get; set; }

    public int DefinitionVersion { get; set; }

    public WorkflowStatus Status { get; set; }

    /// <summary>The <see cref="InstanceState"/> as JSON (see <see cref="InstanceStateJson"/>).</summary>
    public required string State { get; set; }

    public long Version { get; set; }

    public Instant CreatedAt { get; set; }

    public Instant UpdatedAt { get; set; }

    public static WorkflowInstanceRow From(InstanceRecord r) => new()
    {
        Id = r.Id,
        DefinitionId = r.DefinitionId,
        DefinitionVersionId = r.DefinitionVersionId,
        DefinitionVersion = r.DefinitionVersion,
        Status = r.State.Status,
        State = InstanceStateJson.Serialize(r.State),
        Version = r.Version,
        CreatedAt = r.CreatedAt,
        UpdatedAt = r.UpdatedAt,
    };

    public InstanceRecord ToRecord() =>
        new(Id, DefinitionId, DefinitionVersionId, DefinitionVersion, InstanceStateJson.Deserialize(State), Version, CreatedAt, UpdatedAt);
}

internal sealed class WorkflowInstanceRowConfiguration : IEntityTypeConfiguration<WorkflowInstanceRow>
{
    public void Configure(EntityTypeBuilder<WorkflowInstanceRow> b)
    {
        b.ToTable("workflow_instances");
        b.HasKey(r => r.Id).HasName("pk_workflow_instances");
        b.Property(r => r.Id).HasColumnName("id").ValueGeneratedNever();
        b.Property(r => r.DefinitionId).HasColumnName("definition_id");
        b.Property(r => r.DefinitionVersionId).HasColumnName("definition_version_id");
        b.Property(r => r.DefinitionVersion).HasColumnName("definition_version");
        b.Property(r => r.Status).HasColumnName("status").HasConversion<string>().HasMaxLength(16);
        b.Property(r => r.State).HasColumnName("state");
        b.Property(r => r.Version).HasColumnName("version");
        b.Property(r => r.CreatedAt).HasColumnName("created_at");
        b.Property(r => r.UpdatedAt).HasColumnName("updated_at");
        b.HasIndex(r => new { r.DefinitionId, r.Status }).HasDatabaseName("ix_workflow_instances_definition_id_status");
        // Issue 11: the Studio's instance list pages by created (its default) or last executed, newest first, ties by id
        // (ListStudioInstances): these make its first page an index scan (read backwards) instead of a sort of every instance.
        b.HasIndex(r => new { r.CreatedAt, r.Id }).HasDatabaseName("ix_workflow_instances_created_at_id");
        b.HasIndex(r => new { r.UpdatedAt, r.Id }).HasDatabaseName("ix_workflow_instances_updated_at_id");
    }
}
