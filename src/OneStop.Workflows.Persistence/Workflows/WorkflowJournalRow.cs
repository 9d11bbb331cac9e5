using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using NodaTime;
using OneStop.Workflows.Engine.Runtime;

namespace OneStop.Workflows.Persistence.Workflows;

/// <summary>A row of <c>workflow_journal</c>; append-only, keyed by (instance, sequence).</summary>
public sealed class WorkflowJournalRow
{
    public WorkflowInstanceId InstanceId { get; set; }

    public long Sequence { get; set; }

    public Instant At { get; set; }

    public required string Event { get; set; }

    public string? ActivityId { get; set; }

    public string? ActivityType { get; set; }

    public string? Outcomes { get; set; }

    public string? Message { get; set; }

    public static WorkflowJournalRow From(WorkflowInstanceId instanceId, JournalEntry e) => new()
    {
        InstanceId = instanceId,
        Sequence = e.Sequence,
        At = e.At,
        Event = e.Event,
        ActivityId = e.ActivityId,
        ActivityType = e.ActivityType,
        Outcomes = e.Outcomes,
        Message = e.Message,
    };

    public JournalEntry ToEntry() => new(Sequence, At, Event, ActivityId, ActivityType, Outcomes, Message);
}

internal sealed class WorkflowJournalRowConfiguration : IEntityTypeConfiguration<WorkflowJournalRow>
{
    public void Configure(EntityTypeBuilder<WorkflowJournalRow> b)
    {
        b.ToTable("workflow_journal");
        b.HasKey(r => new { r.InstanceId, r.Sequence }).HasName("pk_workflow_journal");
        b.Property(r => r.InstanceId).HasColumnName("instance_id");
        b.Property(r => r.Sequence).HasColumnName("sequence").ValueGeneratedNever();
        b.Property(r => r.At).HasColumnName("at");
        b.Property(r => r.Event).HasColumnName("event");
        b.Property(r => r.ActivityId).HasColumnName("activity_id");
        b.Property(r => r.ActivityType).HasColumnName("activity_type");
        b.Property(r => r.Outcomes).HasColumnName("outcomes");
        b.Property(r => r.Message).HasColumnName("message");
        b.HasOne<WorkflowInstanceRow>().WithMany().HasForeignKey(r => r.InstanceId)
            .HasConstraintName("fk_workflow_journal_instance").OnDelete(DeleteBehavior.Cascade);
    }
}
