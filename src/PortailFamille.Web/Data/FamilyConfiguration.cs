using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PortailFamille.Domain.Common;
using PortailFamille.Domain.Families;

namespace PortailFamille.Web.Data;

internal sealed class FamilyConfiguration : IEntityTypeConfiguration<Family>
{
    public void Configure(EntityTypeBuilder<Family> family)
    {
        // Ids are made by the domain when an object is created; EF must not take a new child
        // or guardian added to a loaded family for an existing row.
        family.HasKey(f => f.Id);
        family.Property(f => f.Id).ValueGeneratedNever();
        family.Ignore(f => f.Responsible);
        family.Ignore(f => f.DisplayName);
        family.HasMany(f => f.Guardians).WithOne().HasForeignKey(g => g.FamilyId).OnDelete(DeleteBehavior.Cascade);
        family.HasMany(f => f.Children).WithOne().HasForeignKey(c => c.FamilyId).OnDelete(DeleteBehavior.Cascade);
        family.Navigation(f => f.Guardians).AutoInclude();
        family.HasIndex(f => f.Status);
        // Two people saving the same file at once: the second is told, instead of overwriting.
        family.Property<Guid>(AppDbContext.VersionProperty).IsConcurrencyToken();
        family.Ignore(f => f.CanSignIn);
        family.Property(f => f.RejectionReason).HasMaxLength(1000);
        family.OwnsOne(f => f.Contact, contact =>
        {
            contact.Ignore(c => c.HasPhone);
            contact.Property(c => c.Street).HasMaxLength(ContactDetails.MaxStreetLength);
            contact.Property(c => c.PostalCode).HasMaxLength(5);
            contact.Property(c => c.Town).HasMaxLength(ContactDetails.MaxTownLength);
            contact.Property(c => c.HomePhone).HasMaxLength(16);
            contact.Property(c => c.MobilePhone1).HasMaxLength(16);
            contact.Property(c => c.MobilePhone2).HasMaxLength(16);
            contact.Property(c => c.WorkPhone1).HasMaxLength(16);
            contact.Property(c => c.WorkPhone2).HasMaxLength(16);
            contact.Property(c => c.BeneficiaryName).HasMaxLength(Text.MaxNameLength);
            contact.Property(c => c.BeneficiaryNumber).HasMaxLength(20);
        });
        family.Navigation(f => f.Contact).AutoInclude();
        family.OwnsOne(f => f.Resources, resources =>
        {
            resources.Property(r => r.MonthlyResources).HasPrecision(10, 2);
            resources.Property(r => r.Parts).HasPrecision(4, 1);
        });
        family.Navigation(f => f.Resources).AutoInclude();
    }
}

internal sealed class GuardianConfiguration : IEntityTypeConfiguration<Guardian>
{
    public void Configure(EntityTypeBuilder<Guardian> guardian)
    {
        guardian.HasKey(g => g.Id);
        guardian.Property(g => g.Id).ValueGeneratedNever();
        guardian.Ignore(g => g.DisplayName);
        guardian.Property(g => g.FirstName).HasMaxLength(Text.MaxNameLength);
        guardian.Property(g => g.LastName).HasMaxLength(Text.MaxNameLength);
        guardian.Property(g => g.Email).HasMaxLength(Text.MaxEmailLength);
        guardian.HasIndex(g => g.Email);
        // The back office lists families by the responsable's name, a page at a time.
        guardian.HasIndex(g => new { g.LastName, g.FirstName });
        guardian.HasIndex(g => new { g.FamilyId, g.Rank }).IsUnique();
    }
}

internal sealed class ChildConfiguration : IEntityTypeConfiguration<Child>
{
    public void Configure(EntityTypeBuilder<Child> child)
    {
        child.HasKey(c => c.Id);
        child.Property(c => c.Id).ValueGeneratedNever();
        child.Property(c => c.FirstName).HasMaxLength(Text.MaxNameLength);
        child.Property(c => c.LastName).HasMaxLength(Text.MaxNameLength);
        child.HasIndex(c => c.LastName);
        child.Property(c => c.School).HasMaxLength(Child.MaxSchoolLength);
        child.Property(c => c.ClassName).HasMaxLength(30);
        child.Property(c => c.HealthNote).HasMaxLength(Child.MaxHealthNoteLength);
        child.OwnsMany(c => c.AuthorisedPersons, persons => persons.ToJson());
    }
}
