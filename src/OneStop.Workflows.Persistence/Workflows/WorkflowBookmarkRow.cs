using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using NodaTime;
using OneStop.Workflows.Engine.Runtime;

namespace OneStop.Workflows.Persistence.Workflows;

/// <summary>A row of <c>workflow_bookmarks</c>: an open bookmark of an instance.</summary>
public sealed class WorkflowBookmarkRow
{
    public BookmarkId Id { get; set; }

    public WorkflowInstanceId InstanceId { get; set; }

    public required string ActivityId { get; set; }

    public required string ActivityType { get; set; }

    public required string Name { get; set; }

    public string? Payload { get; set; }

    public Instant CreatedAt { get; set; }

    public static WorkflowBookmarkRow From(WorkflowInstanceId instanceId, Bookmark b) => new()
    {
        Id = b.Id,
        InstanceId = instanceId,
        ActivityId = b.ActivityId,
        ActivityType = b.ActivityType,
        Name = b.Name,
        Payload = b.Payload?.ToJsonString(),
        CreatedAt = b.CreatedAt,
    };

    public Bookmark ToBookmark() =>
        new(Id, ActivityId, ActivityType, Name, Payload is null ? null : JsonNode.Parse(Payload)?.AsObject(), CreatedAt);
}

internal sealed class WorkflowBookmarkRowConfiguration : IEntityTypeConfiguration<WorkflowBookmarkRow>
{
    public void Configure(EntityTypeBuilder<WorkflowBookmarkRow> b)
    {
        b.ToTable("workflow_bookmarks");
        b.HasKey(r => r.Id).HasName("pk_workflow_bookmarks");
        b.Property(r => r.Id).HasColumnName("id").ValueGeneratedNever();
        b.Property(r => r.InstanceId).HasColumnName("instance_id");
        b.Property(r => r.ActivityId).HasColumnName("activity_id");
        b.Property(r => r.ActivityType).HasColumnName("activity_type");
        b.Property(r => r.Name).HasColumnName("name");
        b.Property(r => r.Payload).HasColumnName("payload");
        b.Property(r => r.CreatedAt).HasColumnName("created_at");
        b.HasOne<WorkflowInstanceRow>().WithMany().HasForeignKey(r => r.InstanceId)
            .HasConstraintName("fk_workflow_bookmarks_instance").OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(r => r.InstanceId).HasDatabaseName("ix_workflow_bookmarks_instance_id");
        b.HasIndex(r => new { r.ActivityType, r.Name }).HasDatabaseName("ix_workflow_bookmarks_activity_type_name");
    }
}
