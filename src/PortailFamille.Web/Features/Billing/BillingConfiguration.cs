using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using PortailFamille.Domain.Billing;
using PortailFamille.Domain.Catalogue;
using PortailFamille.Domain.Families;
using PortailFamille.Domain.Reservations;

namespace PortailFamille.Web.Features.Billing;

/// <summary>
/// Money is stored in whole cents: SQLite keeps decimals as text, which it neither adds nor
/// compares; cents let both databases check "credited + amount ≤ total" in one update.
/// </summary>
internal static class Cents
{
    public static readonly ValueConverter<decimal, long> Converter = new(v => (long)decimal.Round(v * 100m), v => v / 100m);

    public static PropertyBuilder<decimal> AsCents(this PropertyBuilder<decimal> property) => property.HasConversion(Converter);
}

/// <summary>Names shared by the mapping and the set-based SQL of billing.</summary>
internal static class BillingColumns
{
    /// <summary>The invoice that billed a reservation's day; null until one does.</summary>
    public const string ReservationInvoiceId = "InvoiceId";
}

internal sealed class AttendanceEntryConfiguration : IEntityTypeConfiguration<AttendanceEntry>
{
    public void Configure(EntityTypeBuilder<AttendanceEntry> entry)
    {
        entry.Property(e => e.Id).ValueGeneratedNever();
        entry.Property(e => e.Reason).HasMaxLength(AttendanceMarks.MaxReasonLength);
        entry.Property(e => e.MarkedBy).HasMaxLength(256);
        entry.HasOne<Child>().WithMany().HasForeignKey(e => e.ChildId).OnDelete(DeleteBehavior.Restrict);
        entry.HasOne<Family>().WithMany().HasForeignKey(e => e.FamilyId).OnDelete(DeleteBehavior.Restrict);
        entry.HasOne<Activity>().WithMany().HasForeignKey(e => e.ActivityId).OnDelete(DeleteBehavior.Restrict);
        entry.HasOne<ActivityUnit>().WithMany().HasForeignKey(e => e.UnitId).OnDelete(DeleteBehavior.Restrict);
        entry.HasOne<Invoice>().WithMany().HasForeignKey(e => e.InvoiceId).OnDelete(DeleteBehavior.Restrict);
        // One mark per child, unit and day, even when two agents tap at once.
        entry.HasIndex(e => new { e.ChildId, e.UnitId, e.Date }).IsUnique();
        entry.HasIndex(e => new { e.ActivityId, e.UnitId, e.Date });
        entry.HasIndex(e => new { e.FamilyId, e.Date });
        entry.HasIndex(e => e.InvoiceId).HasFilter("\"InvoiceId\" IS NOT NULL");
    }
}

internal sealed class InvoiceConfiguration : IEntityTypeConfiguration<Invoice>
{
    public void Configure(EntityTypeBuilder<Invoice> invoice)
    {
        invoice.Property(i => i.Id).ValueGeneratedNever();
        invoice.Property(i => i.Number).HasMaxLength(DocumentNumber.MaxLength);
        // A number is given once, whatever happens to the counter.
        invoice.HasIndex(i => i.Number).IsUnique();
        invoice.HasIndex(i => new { i.Year, i.Sequence }).IsUnique();
        invoice.HasIndex(i => new { i.FamilyId, i.Month });
        invoice.HasIndex(i => i.RunId);
        invoice.Property(i => i.FamilyName).HasMaxLength(200);
        invoice.Property(i => i.FamilyAddress).HasMaxLength(400);
        invoice.Property(i => i.IssuedBy).HasMaxLength(256);
        invoice.Property(i => i.Total).AsCents();
        invoice.Property(i => i.Credited).AsCents();
        invoice.Property(i => i.Paid).AsCents();
        invoice.Ignore(i => i.Amounts);
        invoice.HasOne<Family>().WithMany().HasForeignKey(i => i.FamilyId).OnDelete(DeleteBehavior.Restrict);
        invoice.HasOne<InvoicingRun>().WithMany().HasForeignKey(i => i.RunId).OnDelete(DeleteBehavior.Restrict);
        invoice.HasMany(i => i.Lines).WithOne().HasForeignKey(l => l.InvoiceId).OnDelete(DeleteBehavior.Restrict);
        // The database refuses a credit beyond the total or a payment beyond what remains.
        invoice.ToTable(t =>
        {
            t.HasCheckConstraint("CK_Invoices_Credited", "\"Credited\" >= 0 AND \"Credited\" <= \"Total\"");
            t.HasCheckConstraint("CK_Invoices_Paid", "\"Paid\" >= 0 AND \"Paid\" + \"Credited\" <= \"Total\"");
        });
    }
}

internal sealed class InvoiceLineConfiguration : IEntityTypeConfiguration<InvoiceLine>
{
    public void Configure(EntityTypeBuilder<InvoiceLine> line)
    {
        line.Property(l => l.Id).ValueGeneratedNever();
        line.Property(l => l.ChildName).HasMaxLength(200);
        line.Property(l => l.ActivityName).HasMaxLength(Activity.MaxNameLength);
        line.Property(l => l.UnitName).HasMaxLength(ActivityUnit.MaxNameLength);
        line.Property(l => l.UnitPrice).AsCents();
        line.Property(l => l.Amount).AsCents();
        line.HasIndex(l => l.InvoiceId);
        line.HasIndex(l => l.RegistrationId);
    }
}

internal sealed class CreditNoteConfiguration : IEntityTypeConfiguration<CreditNote>
{
    public void Configure(EntityTypeBuilder<CreditNote> note)
    {
        note.Property(n => n.Id).ValueGeneratedNever();
        note.Property(n => n.Number).HasMaxLength(DocumentNumber.MaxLength);
        note.HasIndex(n => n.Number).IsUnique();
        note.HasIndex(n => new { n.Year, n.Sequence }).IsUnique();
        note.HasIndex(n => n.InvoiceId);
        note.HasIndex(n => n.FamilyId);
        note.Property(n => n.Amount).AsCents();
        note.Property(n => n.Reason).HasMaxLength(500);
        note.Property(n => n.IssuedBy).HasMaxLength(256);
        note.HasOne<Invoice>().WithMany().HasForeignKey(n => n.InvoiceId).OnDelete(DeleteBehavior.Restrict);
        note.HasOne<Family>().WithMany().HasForeignKey(n => n.FamilyId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class DocumentSequenceConfiguration : IEntityTypeConfiguration<DocumentSequence>
{
    public void Configure(EntityTypeBuilder<DocumentSequence> sequence)
    {
        sequence.HasKey(s => new { s.Series, s.Year });
        sequence.Property(s => s.Series).HasMaxLength(20);
    }
}

internal sealed class QuotientHistoryEntryConfiguration : IEntityTypeConfiguration<QuotientHistoryEntry>
{
    public void Configure(EntityTypeBuilder<QuotientHistoryEntry> entry)
    {
        entry.ToTable("QuotientHistory");
        entry.HasKey(e => new { e.FamilyId, e.ValidFrom });
        entry.HasOne<Family>().WithMany().HasForeignKey(e => e.FamilyId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class InvoicingRunConfiguration : IEntityTypeConfiguration<InvoicingRun>
{
    public void Configure(EntityTypeBuilder<InvoicingRun> run)
    {
        run.Property(r => r.Id).ValueGeneratedNever();
        run.Property(r => r.ActivityIds).HasMaxLength(4000);
        run.Property(r => r.StartedBy).HasMaxLength(256);
        run.Property(r => r.Error).HasMaxLength(2000);
        run.Property(r => r.AmountIssued).AsCents();
        run.Ignore(r => r.Activities);
        // One active run at a time: both databases let many rows hold null in a unique index.
        run.HasIndex(r => r.ActiveSlot).IsUnique();
        run.HasIndex(r => r.CreatedAt);
    }
}

internal sealed class ReservationBillingConfiguration : IEntityTypeConfiguration<Reservation>
{
    public void Configure(EntityTypeBuilder<Reservation> reservation)
    {
        // The invoice that billed the day (or settled it as a justified absence): a billed day
        // is taken by a conditional update "if no invoice yet", so never billed twice.
        reservation.Property<Guid?>(BillingColumns.ReservationInvoiceId);
        reservation.HasOne<Invoice>().WithMany().HasForeignKey(BillingColumns.ReservationInvoiceId).OnDelete(DeleteBehavior.Restrict);
        // Only billed rows are indexed: a query for the unbilled ones must not walk this index
        // (SQLite, without statistics, would take it for a selective one).
        reservation.HasIndex(BillingColumns.ReservationInvoiceId).HasFilter($"\"{BillingColumns.ReservationInvoiceId}\" IS NOT NULL");
        // Invoicing reads a batch of families' month.
        reservation.HasIndex(r => new { r.FamilyId, r.Date });
    }
}
