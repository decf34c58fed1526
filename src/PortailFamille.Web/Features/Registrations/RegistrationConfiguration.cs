using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PortailFamille.Domain.Catalogue;
using PortailFamille.Domain.Families;
using PortailFamille.Domain.Registrations;

namespace PortailFamille.Web.Features.Registrations;

internal sealed class RegistrationConfiguration : IEntityTypeConfiguration<Registration>
{
    public void Configure(EntityTypeBuilder<Registration> registration)
    {
        registration.Property(r => r.Id).ValueGeneratedNever();
        registration.Ignore(r => r.Dates);
        registration.Property(r => r.Pattern)
            .HasConversion(p => p.ToStorage(), s => WeeklyPattern.FromStorage(s))
            .HasMaxLength(2000);
        registration.Property(r => r.RefusalReason).HasMaxLength(Registration.MaxReasonLength);
        // A decision is saved only if the request is still in the state it was read in: of two
        // agents deciding at the same moment, the second one's save changes nothing.
        registration.Property(r => r.Status).IsConcurrencyToken();
        registration.HasOne<Family>().WithMany().HasForeignKey(r => r.FamilyId).OnDelete(DeleteBehavior.Restrict);
        registration.HasOne<Child>().WithMany().HasForeignKey(r => r.ChildId).OnDelete(DeleteBehavior.Restrict);
        registration.HasOne<Activity>().WithMany().HasForeignKey(r => r.ActivityId).OnDelete(DeleteBehavior.Restrict);
        registration.HasOne<Period>().WithMany().HasForeignKey(r => r.PeriodId).OnDelete(DeleteBehavior.Restrict);
        // A family's pages list by child; the agents' queue lists the requests waiting, oldest first.
        registration.HasIndex(r => new { r.FamilyId, r.ChildId });
        registration.HasIndex(r => new { r.Status, r.RequestedAt });
        // One live registration per child, activity and period, even when two requests arrive
        // together (two tabs, a double click): the database refuses the second. A refused one
        // does not count, so the family may ask again.
        registration.HasIndex(r => new { r.ChildId, r.ActivityId, r.PeriodId })
            .IsUnique()
            .HasFilter($"\"Status\" <> {(int)RegistrationStatus.Refused}")
            .HasDatabaseName("IX_Registrations_OneLivePerChildActivityPeriod");
    }
}
