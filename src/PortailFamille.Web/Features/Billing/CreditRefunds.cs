using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.Extensions.Options;
using PortailFamille.Domain.Billing;
using PortailFamille.Domain.Common;
using PortailFamille.Domain.Families;
using PortailFamille.Web.Data;
using PortailFamille.Web.Features.Accounts;
using PortailFamille.Web.Infrastructure.Auditing;
using PortailFamille.Web.Infrastructure.Mail;
using PortailFamille.Web.Infrastructure.Municipality;
using PortailFamille.Web.Infrastructure.Time;

namespace PortailFamille.Web.Features.Billing;

/// <summary>
/// A refund of a family's credit (docs/product.md 4.7), numbered in its own gap-free series
/// ("RB-2027-000001"), made of the parts of the payments' credit it took.
/// </summary>
public sealed class Refund
{
    public Guid Id { get; set; }

    public string Number { get; set; } = string.Empty;

    public int Year { get; set; }

    public long Sequence { get; set; }

    public Guid FamilyId { get; set; }

    /// <summary>Virement, chèque or espèces.</summary>
    public PaymentMethod Method { get; set; }

    public decimal Amount { get; set; }

    /// <summary>The day the money was given back.</summary>
    public DateOnly PaidOn { get; set; }

    public string? Reason { get; set; }

    public DateTimeOffset RecordedAt { get; set; }

    public string RecordedBy { get; set; } = string.Empty;
}

/// <summary>What a refund took from one payment's credit.</summary>
public sealed class RefundPartRecord
{
    public Guid RefundId { get; set; }

    public Guid PaymentId { get; set; }

    public decimal Amount { get; set; }
}

internal sealed class RefundConfiguration : IEntityTypeConfiguration<Refund>
{
    public void Configure(EntityTypeBuilder<Refund> refund)
    {
        refund.ToTable(t => t.HasCheckConstraint("CK_Refunds_Amount", "\"Amount\" > 0"));
        refund.Property(r => r.Id).ValueGeneratedNever();
        refund.Property(r => r.Number).HasMaxLength(DocumentNumber.MaxLength);
        refund.HasIndex(r => r.Number).IsUnique();
        refund.HasIndex(r => new { r.Year, r.Sequence }).IsUnique();
        refund.HasIndex(r => r.FamilyId);
        refund.Property(r => r.Method).HasConversion<string>().HasMaxLength(20);
        refund.Property(r => r.Amount).AsCents();
        refund.Property(r => r.Reason).HasMaxLength(CreditRefund.MaxReasonLength);
        refund.Property(r => r.RecordedBy).HasMaxLength(256);
        refund.HasOne<Family>().WithMany().HasForeignKey(r => r.FamilyId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class RefundPartConfiguration : IEntityTypeConfiguration<RefundPartRecord>
{
    public void Configure(EntityTypeBuilder<RefundPartRecord> part)
    {
        part.ToTable("RefundParts", t => t.HasCheckConstraint("CK_RefundParts_Amount", "\"Amount\" > 0"));
        part.HasKey(p => new { p.RefundId, p.PaymentId });
        part.HasIndex(p => p.PaymentId);
        part.Property(p => p.Amount).AsCents();
        part.HasOne<Refund>().WithMany().HasForeignKey(p => p.RefundId).OnDelete(DeleteBehavior.Restrict);
        part.HasOne<Payment>().WithMany().HasForeignKey(p => p.PaymentId).OnDelete(DeleteBehavior.Restrict);
    }
}

/// <summary>
/// "Rembourser le crédit": an agent gives back what a family paid beyond its invoices. One
/// transaction locks the family, reads each payment's credit afresh (so two agents refunding
/// at once cannot give back the same euro twice), takes the refund's number, records the parts
/// and the history line, and queues the email to the parents.
/// </summary>
public sealed class CreditRefunds(AppDbContext db, AuditTrail audit, Mailer mailer, LinkBuilder links, ParisClock clock, IOptions<MunicipalityOptions> municipality)
{
    /// <summary>Refunds <paramref name="amount"/> of the family's credit, or says why not, in French, with nothing saved.</summary>
    public async Task<Outcome<Refund>> RefundAsync(
        Guid familyId, PaymentMethod method, decimal amount, DateOnly date, string? reason, string recordedBy, CancellationToken cancellationToken)
    {
        var why = Text.CleanInput(reason, multiline: true)?.Trim();
        if (why?.Length > CreditRefund.MaxReasonLength)
        {
            return Outcome<Refund>.Refused([new("Reason", $"Le motif tient en {CreditRefund.MaxReasonLength} caractères au plus.")]);
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await BillingLocks.LockFamiliesAsync(db, [familyId], cancellationToken);
        var credits = await CreditsAsync(db, familyId, cancellationToken);
        var today = clock.Today;
        var refusals = CreditRefund.Check(method, amount, date, today, credits.Sum(c => c.Credit));
        if (refusals.Count > 0)
        {
            return Outcome<Refund>.Refused(refusals);
        }

        var sequence = await BillingLocks.TakeNumbersAsync(db, DocumentNumber.RefundSeries, today.Year, 1, cancellationToken);
        var refund = new Refund
        {
            Id = Guid.NewGuid(),
            Number = DocumentNumber.Format(DocumentNumber.RefundSeries, today.Year, sequence),
            Year = today.Year,
            Sequence = sequence,
            FamilyId = familyId,
            Method = method,
            Amount = amount,
            PaidOn = date,
            Reason = string.IsNullOrEmpty(why) ? null : why,
            RecordedAt = clock.UtcNow,
            RecordedBy = recordedBy,
        };
        db.Refunds.Add(refund);
        db.RefundParts.AddRange(CreditRefund.Spread(amount, credits).Select(p => new RefundPartRecord { RefundId = refund.Id, PaymentId = p.PaymentId, Amount = p.Amount }));
        var means = Means(method);
        audit.Record("Famille", familyId, $"Remboursement {refund.Number} de {Money.Euros(amount)} {means} du crédit de la famille{(refund.Reason is null ? "" : $" ; motif : « {refund.Reason} »")}.");

        var family = await db.Families.AsNoTracking().SingleAsync(f => f.Id == familyId, cancellationToken);
        var commune = municipality.Value;
        foreach (var parent in family.Guardians.Where(g => !string.IsNullOrEmpty(g.Email)).OrderBy(g => g.Rank))
        {
            mailer.Enqueue(parent.Email, new MailContent(
                $"Remboursement de votre crédit : {refund.Number}",
                $"Bonjour {parent.FirstName} {parent.LastName},",
                [
                    $"Le {commune.ServiceName} de {commune.Name} vous rembourse {Money.Euros(amount)} {means}, le {ParisClock.FormatDate(date)}, sur le crédit de votre compte (remboursement {refund.Number}).",
                    "Le détail de vos règlements et de votre crédit est dans votre espace, rubrique Mon compte.",
                ],
                "Voir mon compte",
                links.Absolute("/famille/compte")));
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return Outcome<Refund>.Success(refund);
    }

    /// <summary>
    /// The credit each of the family's payments still holds, cancelled ones aside: its amount
    /// less what it paid on invoices and what refunds took, the oldest payment first.
    /// </summary>
    public static async Task<IReadOnlyList<PaymentCredit>> CreditsAsync(AppDbContext db, Guid familyId, CancellationToken cancellationToken) =>
        [.. (await CreditsOfAsync(db, [familyId], cancellationToken))[familyId]];

    /// <summary>The same for several families at once (an invoicing batch), in three queries, by family.</summary>
    public static async Task<ILookup<Guid, PaymentCredit>> CreditsOfAsync(AppDbContext db, IReadOnlyCollection<Guid> familyIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var families = familyIds.ToList();
        var payments = await db.Payments.AsNoTracking()
            .Where(p => families.Contains(p.FamilyId) && p.CancelledAt == null)
            .Select(p => new { p.Id, p.FamilyId, p.Year, p.Sequence, p.Amount })
            .ToListAsync(cancellationToken);
        if (payments.Count == 0)
        {
            return Array.Empty<PaymentCredit>().ToLookup(_ => Guid.Empty);
        }

        var ids = payments.Select(p => p.Id).ToList();
        var allocated = (await db.PaymentAllocations.AsNoTracking().Where(a => ids.Contains(a.PaymentId)).Select(a => new { a.PaymentId, a.Amount }).ToListAsync(cancellationToken))
            .GroupBy(a => a.PaymentId).ToDictionary(g => g.Key, g => g.Sum(a => a.Amount));
        var refunded = (await db.RefundParts.AsNoTracking().Where(r => ids.Contains(r.PaymentId)).Select(r => new { r.PaymentId, r.Amount }).ToListAsync(cancellationToken))
            .GroupBy(r => r.PaymentId).ToDictionary(g => g.Key, g => g.Sum(r => r.Amount));
        return payments
            .OrderBy(p => p.Year).ThenBy(p => p.Sequence)
            .Select(p => (p.FamilyId, Credit: new PaymentCredit(p.Id, p.Amount - allocated.GetValueOrDefault(p.Id) - refunded.GetValueOrDefault(p.Id))))
            .Where(p => p.Credit.Credit > 0)
            .ToLookup(p => p.FamilyId, p => p.Credit);
    }

    /// <summary>"par virement", "par chèque", "en espèces".</summary>
    public static string Means(PaymentMethod method) => method switch
    {
        PaymentMethod.Transfer => "par virement",
        PaymentMethod.Cheque => "par chèque",
        PaymentMethod.Cash => "en espèces",
        _ => PaymentMethods.Label(method).ToLowerInvariant(),
    };
}
