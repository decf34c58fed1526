using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PortailFamille.Domain.Catalogue;
using PortailFamille.Domain.Families;
using PortailFamille.Domain.Registrations;
using PortailFamille.Domain.Reservations;

namespace PortailFamille.Web.Features.Reservations;

internal sealed class ReservationConfiguration : IEntityTypeConfiguration<Reservation>
{
    public void Configure(EntityTypeBuilder<Reservation> reservation)
    {
        reservation.Property(r => r.Id).ValueGeneratedNever();
        // Every save of a cell checks that its state is still the one read: a family's click
        // that meets the nightly transfer or an agent's decision fails instead of undoing it.
        reservation.Property(r => r.State).IsConcurrencyToken();
        reservation.HasOne<Registration>().WithMany().HasForeignKey(r => r.RegistrationId).OnDelete(DeleteBehavior.Restrict);
        reservation.HasOne<Child>().WithMany().HasForeignKey(r => r.ChildId).OnDelete(DeleteBehavior.Restrict);
        reservation.HasOne<Family>().WithMany().HasForeignKey(r => r.FamilyId).OnDelete(DeleteBehavior.Restrict);
        reservation.HasOne<Activity>().WithMany().HasForeignKey(r => r.ActivityId).OnDelete(DeleteBehavior.Restrict);
        reservation.HasOne<ActivityUnit>().WithMany().HasForeignKey(r => r.UnitId).OnDelete(DeleteBehavior.Restrict);
        reservation.HasMany(r => r.History).WithOne().HasForeignKey(ReservationHistory.ReservationIdProperty).IsRequired().OnDelete(DeleteBehavior.Cascade);

        // One cell per child, unit and day, even when two tabs ask in the same second.
        reservation.HasIndex(r => new { r.ChildId, r.UnitId, r.Date }).IsUnique().HasDatabaseName(ReservationHistory.OneCellIndex);
        // The calendar reads a registration's month; the queues and the decisions read an
        // activity's day by state; the transfer reads every cell in one state.
        reservation.HasIndex(r => new { r.RegistrationId, r.Date });
        reservation.HasIndex(r => new { r.ActivityId, r.Date, r.UnitId, r.State });
        reservation.HasIndex(r => new { r.State, r.ActivityId });
    }
}

internal sealed class ReservationChangeConfiguration : IEntityTypeConfiguration<ReservationChange>
{
    public void Configure(EntityTypeBuilder<ReservationChange> change)
    {
        change.ToTable(ReservationHistory.Table);
        change.Property<long>(ReservationHistory.IdProperty);
        change.HasKey(ReservationHistory.IdProperty);
        change.Property(c => c.By).HasMaxLength(256);
        change.Property(c => c.Origin).HasMaxLength(20);
        change.HasIndex(ReservationHistory.ReservationIdProperty);
        // The run whose notice reported this answer of the service; null until one claims it.
        change.Property<Guid?>(ReservationHistory.ReportedByRunProperty);
        change.HasOne<TransferRun>().WithMany().HasForeignKey(ReservationHistory.ReportedByRunProperty).OnDelete(DeleteBehavior.Restrict);
        // The notices look for the answers not yet reported: a small index of those only.
        change.HasIndex(c => c.Action)
            .HasFilter($"\"{ReservationHistory.ReportedByRunProperty}\" IS NULL AND \"Action\" IN ({string.Join(", ", ReservationMails.Reported.Select(a => (int)a))})")
            .HasDatabaseName("IX_ReservationChanges_NotYetReported");
        // Only the lines a notice reported: the nightly sending adds a line per request, which
        // no notice reports and no query looks up by run.
        change.HasIndex(ReservationHistory.ReportedByRunProperty).HasFilter($"\"{ReservationHistory.ReportedByRunProperty}\" IS NOT NULL");
    }
}

internal sealed class UnitDayPlacesConfiguration : IEntityTypeConfiguration<UnitDayPlaces>
{
    public void Configure(EntityTypeBuilder<UnitDayPlaces> places)
    {
        places.ToTable(PlaceLedger.Table);
        places.HasKey(p => new { p.ActivityId, p.UnitId, p.Date });
        places.HasOne<ActivityUnit>().WithMany().HasForeignKey(p => p.UnitId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class TransferRunConfiguration : IEntityTypeConfiguration<TransferRun>
{
    public void Configure(EntityTypeBuilder<TransferRun> run)
    {
        run.Property(r => r.Id).ValueGeneratedNever();
        run.Property(r => r.StartedBy).HasMaxLength(256);
        run.HasIndex(r => r.StartedAt);
        // Two web servers firing the same night: the second one's run is refused here.
        run.HasIndex(r => r.Night).IsUnique();
    }
}

/// <summary>Names shared by the mapping and the set-based SQL of the transfer.</summary>
internal static class ReservationHistory
{
    public const string Table = "ReservationChanges";
    public const string IdProperty = "Id";
    public const string ReservationIdProperty = "ReservationId";
    public const string ReportedByRunProperty = "ReportedByRunId";
    public const string OneCellIndex = "IX_Reservations_OneCellPerChildUnitDay";
}

/// <summary>
/// The places taken on one unit of an activity on one day. The only counter the booking path
/// changes, always by a conditional update, so that confirmations never exceed capacity
/// whatever the number of simultaneous requests or servers (docs/product.md 4.3).
/// </summary>
public sealed class UnitDayPlaces
{
    public Guid ActivityId { get; set; }

    public Guid UnitId { get; set; }

    public DateOnly Date { get; set; }

    /// <summary>Reservations holding a place (see <see cref="ReservationStates.HoldsPlace"/>).</summary>
    public int Taken { get; set; }
}
