using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace OneStop.Workflows.Persistence.Shared;

/// <summary>The data-protection key ring's table (<c>data_protection_keys</c>): one XML key per row, written by ASP.NET Core.</summary>
internal sealed class DataProtectionKeyConfiguration : IEntityTypeConfiguration<DataProtectionKey>
{
    public void Configure(EntityTypeBuilder<DataProtectionKey> b)
    {
        b.ToTable("data_protection_keys");
        b.HasKey(k => k.Id).HasName("pk_data_protection_keys");
        b.Property(k => k.Id).HasColumnName("id");
        b.Property(k => k.FriendlyName).HasColumnName("friendly_name");
        b.Property(k => k.Xml).HasColumnName("xml");
    }
}
