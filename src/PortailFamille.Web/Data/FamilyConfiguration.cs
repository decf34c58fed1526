using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PortailFamille.Domain.Common;
using PortailFamille.Domain.Families;

namespace PortailFamille.Web.Data;

internal sealed class FamilyConfiguration : IEntityTypeConfiguration<Family>
{
    public void Configure(EntityTypeBuilder<Family> family)
    {
        family.HasKey(f => f.Id);
        family.Ignore(f => f.Responsible);
        family.Ignore(f => f.DisplayName);
        family.HasMany(f => f.Guardians).WithOne().HasForeignKey(g => g.FamilyId).OnDelete(DeleteBehavior.Cascade);
        family.HasMany(f => f.Children).WithOne().HasForeignKey(c => c.FamilyId).OnDelete(DeleteBehavior.Cascade);
        family.Navigation(f => f.Guardians).AutoInclude();
        family.HasIndex(f => f.Status);
    }
}

internal sealed class GuardianConfiguration : IEntityTypeConfiguration<Guardian>
{
    public void Configure(EntityTypeBuilder<Guardian> guardian)
    {
        guardian.HasKey(g => g.Id);
        guardian.Ignore(g => g.DisplayName);
        guardian.Property(g => g.FirstName).HasMaxLength(Text.MaxNameLength);
        guardian.Property(g => g.LastName).HasMaxLength(Text.MaxNameLength);
        guardian.Property(g => g.Email).HasMaxLength(Text.MaxEmailLength);
        guardian.HasIndex(g => g.Email);
        guardian.HasIndex(g => g.LastName);
        guardian.HasIndex(g => new { g.FamilyId, g.Rank }).IsUnique();
    }
}

internal sealed class ChildConfiguration : IEntityTypeConfiguration<Child>
{
    public void Configure(EntityTypeBuilder<Child> child)
    {
        child.HasKey(c => c.Id);
        child.Property(c => c.FirstName).HasMaxLength(Text.MaxNameLength);
        child.Property(c => c.LastName).HasMaxLength(Text.MaxNameLength);
        child.HasIndex(c => c.LastName);
    }
}
