using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PortailFamille.Domain.Catalogue;

namespace PortailFamille.Web.Features.Catalogue;

internal sealed class FacilityConfiguration : IEntityTypeConfiguration<Facility>
{
    public void Configure(EntityTypeBuilder<Facility> facility)
    {
        facility.Property(f => f.Id).ValueGeneratedNever();
        facility.Property(f => f.Name).HasMaxLength(100);
    }
}

internal sealed class ActivityTypeConfiguration : IEntityTypeConfiguration<ActivityType>
{
    public void Configure(EntityTypeBuilder<ActivityType> type)
    {
        type.Property(t => t.Id).ValueGeneratedNever();
        type.Property(t => t.Name).HasMaxLength(100);
        type.HasOne<Facility>().WithMany().HasForeignKey(t => t.FacilityId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class ActivityConfiguration : IEntityTypeConfiguration<Activity>
{
    public void Configure(EntityTypeBuilder<Activity> activity)
    {
        activity.Property(a => a.Id).ValueGeneratedNever();
        activity.Property(a => a.Name).HasMaxLength(100);
        activity.Ignore(a => a.Weekdays);
        activity.Ignore(a => a.Deadline);
        activity.Property(a => a.UnexpectedSurcharge).HasPrecision(8, 2);
        activity.Property(a => a.AbsencePenalty).HasPrecision(8, 2);
        activity.HasOne<ActivityType>().WithMany().HasForeignKey(a => a.ActivityTypeId).OnDelete(DeleteBehavior.Restrict);
        activity.HasMany(a => a.Units).WithOne().HasForeignKey(u => u.ActivityId).OnDelete(DeleteBehavior.Cascade);
        activity.Navigation(a => a.Units).AutoInclude();
        // Overrides and tariffs are read and replaced with their activity, never queried alone.
        activity.OwnsMany(a => a.CapacityOverrides, o => o.ToJson());
        activity.OwnsMany(a => a.Tariffs, t =>
        {
            t.ToJson();
            t.Property(x => x.Price).HasPrecision(8, 2);
        });
    }
}

internal sealed class ActivityUnitConfiguration : IEntityTypeConfiguration<ActivityUnit>
{
    public void Configure(EntityTypeBuilder<ActivityUnit> unit)
    {
        unit.Property(u => u.Id).ValueGeneratedNever();
        unit.Property(u => u.Name).HasMaxLength(50);
    }
}

internal sealed class PeriodConfiguration : IEntityTypeConfiguration<Period>
{
    public void Configure(EntityTypeBuilder<Period> period)
    {
        period.Property(p => p.Id).ValueGeneratedNever();
        period.Property(p => p.Label).HasMaxLength(100);
        period.Ignore(p => p.Dates);
        period.HasOne<Activity>().WithMany().HasForeignKey(p => p.ActivityId).OnDelete(DeleteBehavior.Restrict);
    }
}
