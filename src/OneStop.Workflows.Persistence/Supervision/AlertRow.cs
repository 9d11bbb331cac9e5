using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using NodaTime;
using OneStop.Workflows.Domain.Clocks;

namespace OneStop.Workflows.Persistence.Supervision;

/// <summary>
/// An alert (提醒): one fired signal told to one member of staff (table <c>supervision_alerts</c>). Written in the
/// transaction that fires the signal; only <see cref="AcknowledgedAt"/> and <see cref="AcknowledgedBy"/> change later,
/// once, when the recipient acknowledges it. Unique per (signal, recipient).
/// </summary>
public sealed class AlertRow
{
    public Guid Id { get; set; }

    public SignalId SignalId { get; set; }

    public Guid CaseId { get; set; }

    /// <summary>The recipient's user name.</summary>
    public required string Recipient { get; set; }

    public SignalLevel Level { get; set; }

    /// <summary>The signal's rule, e.g. <c>case.promise.yellow</c>.</summary>
    public required string Rule { get; set; }

    /// <summary>The signal's basis (why, in words).</summary>
    public required string Basis { get; set; }

    public Instant CreatedAt { get; set; }

    public Instant? AcknowledgedAt { get; set; }

    public string? AcknowledgedBy { get; set; }
}

internal sealed class AlertRowConfiguration : IEntityTypeConfiguration<AlertRow>
{
    public void Configure(EntityTypeBuilder<AlertRow> b)
    {
        b.ToTable("supervision_alerts");
        b.HasKey(a => a.Id).HasName("pk_supervision_alerts");
        b.Property(a => a.Id).HasColumnName("id").ValueGeneratedNever();
        b.Property(a => a.SignalId).HasColumnName("signal_id");
        b.Property(a => a.CaseId).HasColumnName("case_id");
        b.Property(a => a.Recipient).HasColumnName("recipient").HasMaxLength(64);
        b.Property(a => a.Level).HasColumnName("level").HasConversion<string>().HasMaxLength(16);
        b.Property(a => a.Rule).HasColumnName("rule").HasMaxLength(64);
        b.Property(a => a.Basis).HasColumnName("basis");
        b.Property(a => a.CreatedAt).HasColumnName("created_at");
        b.Property(a => a.AcknowledgedAt).HasColumnName("acknowledged_at");
        b.Property(a => a.AcknowledgedBy).HasColumnName("acknowledged_by").HasMaxLength(64);
        b.HasOne<SignalRow>().WithMany().HasForeignKey(a => a.SignalId).HasConstraintName("fk_supervision_alerts_signal").OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(a => new { a.SignalId, a.Recipient }).IsUnique().HasDatabaseName("ux_supervision_alerts_signal_recipient");
        b.HasIndex(a => new { a.Recipient, a.AcknowledgedAt }).HasDatabaseName("ix_supervision_alerts_recipient_acknowledged");
        b.HasIndex(a => a.CaseId).HasDatabaseName("ix_supervision_alerts_case");
    }
}
