using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using OneStop.Workflows.Domain.Catalogue;
using OneStop.Workflows.Domain.People;
using OneStop.Workflows.Persistence.Shared;

namespace OneStop.Workflows.Persistence.Approval;

internal sealed class DepartmentConfiguration : IEntityTypeConfiguration<Department>
{
    public void Configure(EntityTypeBuilder<Department> b)
    {
        b.ToTable("departments");
        b.HasKey(d => d.Code);
        b.Property(d => d.Code).HasMaxLength(64);
        b.Property(d => d.Name).HasMaxLength(200);
        b.Property(d => d.ChineseName).HasMaxLength(Department.MaxNameLength);
        b.Property(d => d.EnglishName).HasMaxLength(Department.MaxNameLength);
        b.Property(d => d.ParentCode).HasMaxLength(64);
    }
}

internal sealed class ServiceItemConfiguration : IEntityTypeConfiguration<ServiceItem>
{
    public void Configure(EntityTypeBuilder<ServiceItem> b)
    {
        b.ToTable("service_items");
        b.HasKey(i => i.Code);
        b.Property(i => i.Code).HasMaxLength(64);
        b.Property(i => i.Data).HasJsonConversion();
        b.Property(i => i.Version).IsConcurrencyToken();
        b.Ignore(i => i.ReviewingDepartments);
    }
}

internal sealed class UserAccountConfiguration : IEntityTypeConfiguration<UserAccount>
{
    public void Configure(EntityTypeBuilder<UserAccount> b)
    {
        b.ToTable("users");
        b.HasKey(u => u.UserName);
        b.Property(u => u.UserName).HasMaxLength(64);
        b.Property(u => u.DisplayName).HasMaxLength(200);
        b.Property(u => u.Role).HasConversion<string>().HasMaxLength(32);
        b.Property(u => u.DepartmentCode).HasMaxLength(64);
        b.Property(u => u.SecurityStamp).HasMaxLength(32); // rows made before the stamp get '' (migration default)
        b.HasIndex(u => new { u.DepartmentCode, u.Role });
        b.Ignore(u => u.FurtherDepartments);
        b.Ignore(u => u.Departments);

        // Further departments (兼任部门, ADR 0011): one row per user and department; the department's members are found by its code.
        b.OwnsMany(u => u.Memberships, m =>
        {
            m.ToTable("user_departments");
            m.WithOwner().HasForeignKey("UserName");
            m.Property<string>("UserName").HasMaxLength(64);
            m.Property(x => x.DepartmentCode).HasMaxLength(64);
            m.HasKey("UserName", nameof(DepartmentMembership.DepartmentCode));
            m.HasIndex(x => x.DepartmentCode);
            m.HasOne<Department>().WithMany().HasForeignKey(x => x.DepartmentCode).OnDelete(DeleteBehavior.Restrict);
        });
        b.Navigation(u => u.Memberships).UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}
