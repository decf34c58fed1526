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

    /// <summary>The same for an amount that may be missing: null stays null.</summary>
    public static PropertyBuilder<decimal?> AsCents(this PropertyBuilder<decimal?> property) => property.HasConversion(Converter);
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
        // One mark per child, unit and day, even when two agents tap at once.
        entry.HasIndex(e => new { e.ChildId, e.UnitId, e.Date }).IsUnique();
        entry.HasIndex(e => new { e.ActivityId, e.UnitId, e.Date });
        // Invoicing reads a batch of families' month from this index alone: every column it
        // needs is in it, so the marks are never looked up one by one in the table.
        entry.HasIndex(e => new { e.FamilyId, e.Date, e.ChildId, e.UnitId, e.ActivityId, e.Mark });
    }
}

internal sealed class BilledDayConfiguration : IEntityTypeConfiguration<BilledDay>
{
    public void Configure(EntityTypeBuilder<BilledDay> day)
    {
        // The day is the key: never billed twice. The child leads, then the date: an invoice's
        // days are a few runs of neighbouring entries, where the unit and the date first would
        // spread a batch over the whole key, one page written per day; and invoicing reads a
        // child's month in one range (the pointage sheet gives its children).
        day.HasKey(d => new { d.ChildId, d.Date, d.UnitId });
        // No foreign key to the invoice: the days are written only by the statement that joins
        // them to the invoice just inserted (MonthlyInvoicing), and an invoice is never deleted.
        // A key would cost a lookup per day, and PostgreSQL plans that lookup once per
        // connection, as a scan when the invoices' table was still empty.
        day.HasIndex(d => d.InvoiceId);
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
        // A run bills a family once; the index also finds a batch's invoice of each family when its rows are settled.
        invoice.HasIndex(i => new { i.RunId, i.FamilyId }).IsUnique();
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
        line.Property(l => l.SurchargePerDay).AsCents();
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
    /// <summary>The days invoicing reads: those holding a place.</summary>
    public static readonly ReservationState[] HeldStates = [.. Enum.GetValues<ReservationState>().Where(ReservationStates.HoldsPlace)];

    /// <summary>The index invoicing reads a batch of families' month from.</summary>
    public const string HeldIndex = "IX_Reservations_HeldByFamily";

    /// <summary>
    /// The filter of <see cref="HeldIndex"/>, which invoicing's queries repeat word for word:
    /// SQLite uses a partial index only for a query that holds its filter as written.
    /// </summary>
    public static readonly string HeldFilter = $"\"State\" IN ({string.Join(", ", HeldStates.Select(s => (int)s))})";

    public void Configure(EntityTypeBuilder<Reservation> reservation)
    {
        // Invoicing reads a batch of families' month from this index alone (every column it
        // needs is in it): the rows of a family lie all over the table, one page each. Only the
        // days holding a place are in it, so that the night's moves of requests and of the
        // waiting list (three cells in four of a city's month) never rewrite it: a state in an
        // index that leads with the family makes each move write a page of its own.
        reservation.HasIndex(r => new { r.FamilyId, r.Date, r.ChildId, r.UnitId, r.ActivityId, r.RegistrationId, r.State })
            .HasFilter(HeldFilter)
            .HasDatabaseName(HeldIndex);
        // A family's cells of every state (the night's notices, a family file closed): the
        // family never changes, so no move rewrites this one.
        reservation.HasIndex(r => r.FamilyId);
    }
}
