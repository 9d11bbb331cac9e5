using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using OneStop.Workflows.Domain.Audit;
using OneStop.Workflows.Domain.Cases;
using OneStop.Workflows.Persistence.Shared;

namespace OneStop.Workflows.Persistence.Approval;

internal sealed class CaseConfiguration : IEntityTypeConfiguration<Case>
{
    public void Configure(EntityTypeBuilder<Case> b)
    {
        b.ToTable("cases");
        b.HasKey(c => c.Id);
        b.Property(c => c.Id).ValueGeneratedNever();
        b.Property(c => c.Number).HasMaxLength(32);
        b.HasIndex(c => c.Number).IsUnique();
        b.HasIndex(c => c.InstanceId).IsUnique();
        b.HasIndex(c => new { c.Status, c.ServiceItemCode });
        b.Property(c => c.ServiceItemCode).HasMaxLength(64);
        b.Property(c => c.LeadDepartment).HasMaxLength(64);
        b.Property(c => c.Status).HasConversion<string>().HasMaxLength(32);
        b.Property(c => c.Decision).HasConversion<string>().HasMaxLength(32);
        b.Property(c => c.RefusalPolicy).HasConversion<string>().HasMaxLength(32);
        b.Property(c => c.DeliveryMethod).HasConversion<string>().HasMaxLength(32);
        b.Property(c => c.DeliveryStatus).HasConversion<string>().HasMaxLength(32);
        b.ComplexProperty(c => c.Applicant);
        b.Property(c => c.Materials).HasJsonListConversion();
        b.Property(c => c.Version).IsConcurrencyToken();
        b.Ignore(c => c.IsClosed);
    }
}

internal sealed class ApprovalTaskConfiguration : IEntityTypeConfiguration<ApprovalTask>
{
    /// <summary>The inbox's statuses, as the partial indexes' predicate (the same text as the query's <c>IN</c> list, so PostgreSQL matches it).</summary>
    private const string OpenOrPaused = "status IN ('Open', 'Paused')";

    public void Configure(EntityTypeBuilder<ApprovalTask> b)
    {
        b.ToTable("tasks");
        b.HasKey(t => t.Id);
        b.Property(t => t.Id).ValueGeneratedNever();
        b.Property(t => t.Kind).HasConversion<string>().HasMaxLength(32);
        b.Property(t => t.Status).HasConversion<string>().HasMaxLength(32);
        b.Property(t => t.Department).HasMaxLength(64);
        b.Property(t => t.Assignee).HasMaxLength(64);
        b.Property(t => t.Outcome).HasMaxLength(32);
        b.HasIndex(t => t.CaseId);
        b.HasIndex(t => new { t.Department, t.Status });
        // The inbox's two orders over a department's open and paused tasks (ListTasks; ADR 0009): by stored due day, newest first.
        b.HasIndex(t => new { t.Department, t.DueDay, t.CreatedAt, t.Id }).HasFilter(OpenOrPaused).HasDatabaseName("ix_tasks_inbox_due");
        b.HasIndex(t => new { t.Department, t.CreatedAt, t.Id }).IsDescending(false, true, false).HasFilter(OpenOrPaused).HasDatabaseName("ix_tasks_inbox_created");
        b.HasIndex(t => new { t.Assignee, t.Status });
        b.HasIndex(t => t.BookmarkId).IsUnique();
        b.Property(t => t.Version).IsConcurrencyToken();
        b.Ignore(t => t.AllowedOutcomes);
    }
}

internal sealed class CorrectionNoticeConfiguration : IEntityTypeConfiguration<CorrectionNotice>
{
    public void Configure(EntityTypeBuilder<CorrectionNotice> b)
    {
        b.ToTable("correction_notices");
        b.HasKey(n => n.Id);
        b.Property(n => n.Id).ValueGeneratedNever();
        b.Property(n => n.Stage).HasConversion<string>().HasMaxLength(32);
        b.Property(n => n.Items).HasJsonListConversion();
        b.HasIndex(n => n.CaseId);
        b.Ignore(n => n.IsIssued);
    }
}

internal sealed class NotificationConfiguration : IEntityTypeConfiguration<Notification>
{
    public void Configure(EntityTypeBuilder<Notification> b)
    {
        b.ToTable("notifications");
        b.HasKey(n => n.Id);
        b.Property(n => n.Id).ValueGeneratedNever();
        b.HasIndex(n => n.CaseId);
        b.HasIndex(n => n.SentAt);
    }
}

internal sealed class AuditEventConfiguration : IEntityTypeConfiguration<AuditEvent>
{
    public void Configure(EntityTypeBuilder<AuditEvent> b)
    {
        b.ToTable("audit_events");
        b.HasKey(e => e.Id);
        b.Property(e => e.Id).ValueGeneratedNever();
        b.Property(e => e.Action).HasMaxLength(64);
        b.Property(e => e.Actor).HasMaxLength(64);
        b.Property(e => e.Visibility).HasConversion<string>().HasMaxLength(16);
        b.HasIndex(e => new { e.CaseId, e.At });
        b.HasIndex(e => e.At);
    }
}
