using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PortailFamille.Domain.Billing;
using PortailFamille.Domain.Families;
using PortailFamille.Web.Data;
using PortailFamille.Web.Infrastructure.Time;

namespace PortailFamille.Web.Features.Billing;

/// <summary>
/// A family's tax certificate (attestation fiscale) for a year: its number, given once per
/// family and year from a gap-free series, and the day it was first issued. What it certifies
/// is computed when it is drawn (see <see cref="TaxCertificate.Compute"/>).
/// </summary>
public sealed class TaxCertificateRecord
{
    public Guid Id { get; set; }

    public Guid FamilyId { get; set; }

    /// <summary>The year certified: the payments made during it.</summary>
    public int Year { get; set; }

    /// <summary>"AF-2027-000001".</summary>
    public string Number { get; set; } = string.Empty;

    /// <summary>The year of the number's series: the year it was issued.</summary>
    public int SeriesYear { get; set; }

    public long Sequence { get; set; }

    public DateOnly IssuedOn { get; set; }

    public DateTimeOffset IssuedAt { get; set; }
}

internal sealed class TaxCertificateRecordConfiguration : IEntityTypeConfiguration<TaxCertificateRecord>
{
    public void Configure(EntityTypeBuilder<TaxCertificateRecord> certificate)
    {
        certificate.ToTable("TaxCertificates");
        certificate.Property(c => c.Id).ValueGeneratedNever();
        certificate.Property(c => c.Number).HasMaxLength(DocumentNumber.MaxLength);
        // One certificate per family and year, even when the family asks twice at once.
        certificate.HasIndex(c => new { c.FamilyId, c.Year }).IsUnique();
        certificate.HasIndex(c => c.Number).IsUnique();
        certificate.HasIndex(c => new { c.SeriesYear, c.Sequence }).IsUnique();
        certificate.HasOne<Family>().WithMany().HasForeignKey(c => c.FamilyId).OnDelete(DeleteBehavior.Restrict);
    }
}

/// <summary>
/// Computes and issues tax certificates (docs/product.md 4.8): the family's children, the
/// invoices its payments paid and the payments themselves are read, and the Domain decides
/// what is certified. A payment's day is the day it was received; cancelled payments do not count.
/// </summary>
public sealed class TaxCertificates(AppDbContext db, ParisClock clock)
{
    /// <summary>What the family's payments of <paramref name="year"/> certify.</summary>
    public async Task<TaxCertificate> ComputeAsync(Guid familyId, int year, CancellationToken cancellationToken) =>
        (await ComputeManyAsync([familyId], year, cancellationToken))[familyId];

    /// <summary>
    /// What each family's payments of <paramref name="year"/> certify, read for all the families
    /// at once: the yearly run computes a batch of families in four queries, not four per family.
    /// </summary>
    public async Task<Dictionary<Guid, TaxCertificate>> ComputeManyAsync(IReadOnlyCollection<Guid> familyIds, int year, CancellationToken cancellationToken)
    {
        var children = (await db.Children.AsNoTracking()
                .Where(c => familyIds.Contains(c.FamilyId))
                .Select(c => new { c.FamilyId, c.Id, c.FirstName, c.LastName, c.BirthDate })
                .ToListAsync(cancellationToken))
            .ToLookup(c => c.FamilyId);
        var allocations = (await (from a in db.PaymentAllocations.AsNoTracking()
                                  join p in db.Payments on a.PaymentId equals p.Id
                                  where familyIds.Contains(p.FamilyId) && p.CancelledAt == null
                                  select new { p.FamilyId, p.ReceivedOn, a.InvoiceId, a.Amount })
                .ToListAsync(cancellationToken))
            .ToLookup(a => a.FamilyId);
        var invoiceIds = allocations.SelectMany(a => a).Select(a => a.InvoiceId).Distinct().ToList();
        var invoices = (await db.Invoices.AsNoTracking()
                .Where(i => familyIds.Contains(i.FamilyId) && invoiceIds.Contains(i.Id))
                .Include(i => i.Lines)
                .ToListAsync(cancellationToken))
            .ToLookup(i => i.FamilyId);
        var meals = (await db.Activities.AsNoTracking().ToListAsync(cancellationToken))
            .SelectMany(a => a.Units)
            .ToDictionary(u => u.Id, u => u.IsMeal);
        return familyIds.Distinct().ToDictionary(id => id, id => TaxCertificate.Compute(
            year,
            [.. children[id].Select(c => new TaxChild(c.Id, $"{c.FirstName} {c.LastName.ToUpperInvariant()}", c.BirthDate))],
            [.. invoices[id].Select(i => new TaxInvoice(i.Id, i.Month, i.Credited, [.. i.Lines.Select(l =>
                new TaxInvoiceLine(l.ChildId, l.ActivityName, meals.GetValueOrDefault(l.UnitId), l.Kind, l.Count, l.UnitPrice, l.Amount, l.SurchargePerDay))]))],
            [.. allocations[id].Select(a => new TaxPayment(a.ReceivedOn, a.InvoiceId, a.Amount))]));
    }

    /// <summary>
    /// The family's certificate of <paramref name="year"/>, numbered on its first request; a
    /// second request, even at the same instant, gets the same number.
    /// </summary>
    public async Task<TaxCertificateRecord> IssueAsync(Guid familyId, int year, CancellationToken cancellationToken)
    {
        if (await FindAsync(familyId, year, cancellationToken) is { } existing)
        {
            return existing;
        }

        var today = clock.Today;
        try
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var sequence = await BillingLocks.TakeNumbersAsync(db, DocumentNumber.TaxCertificateSeries, today.Year, 1, cancellationToken);
            var record = new TaxCertificateRecord
            {
                Id = Guid.NewGuid(),
                FamilyId = familyId,
                Year = year,
                Number = DocumentNumber.Format(DocumentNumber.TaxCertificateSeries, today.Year, sequence),
                SeriesYear = today.Year,
                Sequence = sequence,
                IssuedOn = today,
                IssuedAt = clock.UtcNow,
            };
            db.TaxCertificates.Add(record);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return record;
        }
        catch (DbUpdateException e) when (UniqueViolation.Is(e))
        {
            // Asked twice at once: the other request numbered it, and its number was given back.
            db.ChangeTracker.Clear();
            return await FindAsync(familyId, year, cancellationToken) ?? throw new InvalidOperationException("The tax certificate vanished.", e);
        }
    }

    private Task<TaxCertificateRecord?> FindAsync(Guid familyId, int year, CancellationToken cancellationToken) =>
        db.TaxCertificates.AsNoTracking().SingleOrDefaultAsync(c => c.FamilyId == familyId && c.Year == year, cancellationToken);
}
