using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using NodaTime;
using OneStop.Workflows.Engine.Hosting;
using OneStop.Workflows.Engine.Runtime;

namespace OneStop.Workflows.Persistence.Workflows;

/// <summary>A row of <c>workflow_idempotency</c>: the first answer to a resume, keyed by (instance, key).</summary>
public sealed class WorkflowIdempotencyRow
{
    public WorkflowInstanceId InstanceId { get; set; }

    public required string Key { get; set; }

    public BookmarkId BookmarkId { get; set; }

    public required string ResultJson { get; set; }

    public Instant CreatedAt { get; set; }

    public static WorkflowIdempotencyRow From(WorkflowInstanceId instanceId, IdempotencyRecord r) => new()
    {
        InstanceId = instanceId,
        Key = r.Key,
        BookmarkId = r.BookmarkId,
        ResultJson = r.ResultJson,
        CreatedAt = r.CreatedAt,
    };

    public IdempotencyRecord ToRecord() => new(Key, BookmarkId, ResultJson, CreatedAt);
}

internal sealed class WorkflowIdempotencyRowConfiguration : IEntityTypeConfiguration<WorkflowIdempotencyRow>
{
    public void Configure(EntityTypeBuilder<WorkflowIdempotencyRow> b)
    {
        b.ToTable("workflow_idempotency");
        b.HasKey(r => new { r.InstanceId, r.Key }).HasName("pk_workflow_idempotency");
        b.Property(r => r.InstanceId).HasColumnName("instance_id");
        b.Property(r => r.Key).HasColumnName("key");
        b.Property(r => r.BookmarkId).HasColumnName("bookmark_id");
        b.Property(r => r.ResultJson).HasColumnName("result_json");
        b.Property(r => r.CreatedAt).HasColumnName("created_at");
        b.HasOne<WorkflowInstanceRow>().WithMany().HasForeignKey(r => r.InstanceId)
            .HasConstraintName("fk_workflow_idempotency_instance").OnDelete(DeleteBehavior.Cascade);
    }
}
