using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using OneStop.Workflows.Domain.Clocks;
using OneStop.Workflows.Persistence.Shared;

namespace OneStop.Workflows.Persistence.Supervision;

internal sealed class ClockConfiguration : IEntityTypeConfiguration<Clock>
{
    public void Configure(EntityTypeBuilder<Clock> b)
    {
        b.ToTable("clocks");
        b.HasKey(c => c.Id);
        b.Property(c => c.Id).ValueGeneratedNever();
        b.Property(c => c.Kind).HasConversion<string>().HasMaxLength(16);
        b.Property(c => c.Promised).HasJsonRecordConversion();
        b.Property(c => c.Statutory).HasJsonRecordConversion();
        b.Property(c => c.StatutoryExtension).HasJsonRecordConversion();
        b.Property(c => c.Suspensions).HasJsonListConversion();
        b.Property(c => c.Extension).HasJsonRecordConversion();
        b.Property(c => c.Version).IsConcurrencyToken();
        b.HasIndex(c => c.CaseId);
        b.HasIndex(c => c.TaskId).IsUnique();
        b.Ignore(c => c.IsSuspended);
        b.Ignore(c => c.IsStopped);
    }
}
