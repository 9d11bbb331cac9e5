using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using NodaTime;
using OneStop.Workflows.Domain.Clocks;

namespace OneStop.Workflows.Persistence.Supervision;

/// <summary>
/// A supervision signal of a clock or a deemed action (table <c>supervision_signals</c>). Pending while <see cref="FiredAt"/> is null
/// (its <see cref="DueAt"/> is re-planned when the clock changes); once fired it is an immutable event.
/// Unique per (subject, rule, level), so a signal is raised at most once.
/// </summary>
public sealed class SignalRow
{
    public SignalId Id { get; set; }

    public Guid CaseId { get; set; }

    /// <summary>
    /// The clock whose ladder planned the signal, or that a deemed consent belongs to (the review's step clock). Null for
    /// a deemed acceptance: it falls before acceptance, when no clock runs yet (the case clock starts on acceptance).
    /// </summary>
    public ClockId? ClockId { get; set; }

    /// <summary>
    /// The case id for case clocks, the review task id for step clocks. It mixes a <c>CaseId</c> and a <c>TaskId</c> (one
    /// column, one unique index with rule and level), so it stays a raw Guid.
    /// </summary>
    public Guid SubjectId { get; set; }

    public ClockKind SubjectKind { get; set; }

    public required string Rule { get; set; }

    public SignalLevel Level { get; set; }

    public Instant DueAt { get; set; }

    public required string Basis { get; set; }

    public Instant? FiredAt { get; set; }

    public Instant CreatedAt { get; set; }

    /// <summary>
    /// The board's department key (ADR 0010), written when the signal fires: the review's department for a step signal, the
    /// case's lead department for a case signal. Null while pending, and for a signal whose case does not exist.
    /// </summary>
    public string? Department { get; set; }

    /// <summary>The case's service item code (ADR 0010), written when the signal fires; null while pending, or when its case does not exist.</summary>
    public string? ServiceItem { get; set; }

    /// <summary>
    /// Whether the signal's case is still open (not Completed, not NotAccepted), ADR 0010: set from the case when the
    /// signal fires, cleared in the transaction that closes the case. The card board counts the fired cards where it is true.
    /// </summary>
    public bool CaseOpen { get; set; } = true;
}

internal sealed class SignalRowConfiguration : IEntityTypeConfiguration<SignalRow>
{
    /// <summary>The board's partial-index filter: fired cards (not deemed actions) of open cases; valid SQL on both providers.</summary>
    private const string OpenCards = "fired_at IS NOT NULL AND level <> 'Action' AND case_open";

    public void Configure(EntityTypeBuilder<SignalRow> b)
    {
        b.ToTable("supervision_signals");
        b.HasKey(s => s.Id).HasName("pk_supervision_signals");
        b.Property(s => s.Id).HasColumnName("id").ValueGeneratedNever();
        b.Property(s => s.CaseId).HasColumnName("case_id");
        b.Property(s => s.ClockId).HasColumnName("clock_id");
        b.Property(s => s.SubjectId).HasColumnName("subject_id");
        b.Property(s => s.SubjectKind).HasColumnName("subject_kind").HasConversion<string>().HasMaxLength(16);
        b.Property(s => s.Rule).HasColumnName("rule").HasMaxLength(64);
        b.Property(s => s.Level).HasColumnName("level").HasConversion<string>().HasMaxLength(16);
        b.Property(s => s.DueAt).HasColumnName("due_at");
        b.Property(s => s.Basis).HasColumnName("basis");
        b.Property(s => s.FiredAt).HasColumnName("fired_at");
        b.Property(s => s.CreatedAt).HasColumnName("created_at");
        b.Property(s => s.Department).HasColumnName("department").HasMaxLength(64);
        b.Property(s => s.ServiceItem).HasColumnName("service_item").HasMaxLength(64);
        b.Property(s => s.CaseOpen).HasColumnName("case_open");
        b.HasIndex(s => new { s.SubjectId, s.Rule, s.Level }).IsUnique().HasDatabaseName("ux_supervision_signals_subject_rule_level");
        b.HasIndex(s => s.DueAt).HasFilter("fired_at IS NULL").HasDatabaseName("ix_supervision_signals_pending_due_at");
        b.HasIndex(s => new { s.CaseId, s.FiredAt }).HasDatabaseName("ix_supervision_signals_case_fired");
        b.HasIndex(s => s.ClockId).HasDatabaseName("ix_supervision_signals_clock");
        // The cards (fired, not deemed actions) by case: the card board and the inbox badges read only these (issue 10, ADR 0009).
        b.HasIndex(s => new { s.CaseId, s.Level, s.SubjectKind, s.SubjectId }).HasFilter("fired_at IS NOT NULL AND level <> 'Action'").HasDatabaseName("ix_supervision_signals_cards");
        // The card board and the supervisor's desk count the open cards from these alone, index-only (issue 10, ADR 0010).
        b.HasIndex(s => new { s.Department, s.Level }).HasFilter(OpenCards).HasDatabaseName("ix_supervision_signals_board_department");
        b.HasIndex(s => new { s.ServiceItem, s.Level }).HasFilter(OpenCards).HasDatabaseName("ix_supervision_signals_board_item");
        // The signal list's count and its newest-first page, in the list's whole order (ADR 0010: many cards share a firing
        // instant, so a shorter key leaves PostgreSQL sorting them all for the first page).
        b.HasIndex(s => new { s.FiredAt, s.DueAt, s.Rule, s.Id }).IsDescending(true, true, false, false)
            .HasFilter("fired_at IS NOT NULL AND service_item IS NOT NULL").HasDatabaseName("ix_supervision_signals_fired");
    }
}
