using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PortailFamille.Domain.Billing;
using PortailFamille.Domain.Families;

namespace PortailFamille.Web.Features.Billing;

/// <summary>
/// A payment a family made (docs/product.md 4.7), with its receipt number of a gap-free series
/// per year. Spread over invoices by its <see cref="PaymentAllocationRecord"/>s; what they do
/// not take is the family's credit. Cancelled, never deleted.
/// </summary>
public sealed class Payment
{
    public Guid Id { get; set; }

    /// <summary>The receipt's number, "R-2026-000001".</summary>
    public string Number { get; set; } = string.Empty;

    public int Year { get; set; }

    public long Sequence { get; set; }

    public Guid FamilyId { get; set; }

    public PaymentMethod Method { get; set; }

    /// <summary>Euros, stored in cents.</summary>
    public decimal Amount { get; set; }

    /// <summary>The day the family paid.</summary>
    public DateOnly ReceivedOn { get; set; }

    /// <summary>Who paid, as the receipt names them.</summary>
    public string Payer { get; set; } = string.Empty;

    /// <summary>For a cheque only.</summary>
    public string? ChequeNumber { get; set; }

    /// <summary>For a cheque only.</summary>
    public string? Bank { get; set; }

    public DateTimeOffset RecordedAt { get; set; }

    public string RecordedBy { get; set; } = string.Empty;

    /// <summary>The key of the form that recorded it, unique: the same form sent twice records one payment.</summary>
    public Guid? RequestKey { get; set; }

    /// <summary>Set once, when an agent cancels the payment; its allocations then no longer count.</summary>
    public DateTimeOffset? CancelledAt { get; set; }

    public string? CancelledBy { get; set; }

    public string? CancelReason { get; set; }

    public bool IsCancelled => CancelledAt is not null;
}

/// <summary>The part of a payment that went to one invoice.</summary>
public sealed class PaymentAllocationRecord
{
    public Guid PaymentId { get; set; }

    public Guid InvoiceId { get; set; }

    /// <summary>Euros, stored in cents, more than 0.</summary>
    public decimal Amount { get; set; }
}

internal sealed class PaymentConfiguration : IEntityTypeConfiguration<Payment>
{
    public void Configure(EntityTypeBuilder<Payment> payment)
    {
        payment.Property(p => p.Id).ValueGeneratedNever();
        payment.Property(p => p.Number).HasMaxLength(DocumentNumber.MaxLength);
        payment.HasIndex(p => p.Number).IsUnique();
        payment.HasIndex(p => new { p.Year, p.Sequence }).IsUnique();
        payment.HasIndex(p => p.FamilyId);
        payment.HasIndex(p => p.RequestKey).IsUnique();
        payment.Property(p => p.Method).HasConversion<string>().HasMaxLength(20);
        payment.Property(p => p.Amount).AsCents();
        payment.Property(p => p.Payer).HasMaxLength(PaymentEntry.MaxPayerLength);
        payment.Property(p => p.ChequeNumber).HasMaxLength(PaymentEntry.MaxChequeNumberLength);
        payment.Property(p => p.Bank).HasMaxLength(PaymentEntry.MaxBankLength);
        payment.Property(p => p.RecordedBy).HasMaxLength(256);
        payment.Property(p => p.CancelledBy).HasMaxLength(256);
        payment.Property(p => p.CancelReason).HasMaxLength(PaymentRecording.MaxReasonLength);
        payment.Ignore(p => p.IsCancelled);
        payment.HasOne<Family>().WithMany().HasForeignKey(p => p.FamilyId).OnDelete(DeleteBehavior.Restrict);
        payment.ToTable(t => t.HasCheckConstraint("CK_Payments_Amount", "\"Amount\" > 0"));
    }
}

internal sealed class PaymentAllocationRecordConfiguration : IEntityTypeConfiguration<PaymentAllocationRecord>
{
    public void Configure(EntityTypeBuilder<PaymentAllocationRecord> allocation)
    {
        allocation.ToTable("PaymentAllocations", t => t.HasCheckConstraint("CK_PaymentAllocations_Amount", "\"Amount\" > 0"));
        allocation.HasKey(a => new { a.PaymentId, a.InvoiceId });
        allocation.HasIndex(a => a.InvoiceId);
        allocation.Property(a => a.Amount).AsCents();
        allocation.HasOne<Payment>().WithMany().HasForeignKey(a => a.PaymentId).OnDelete(DeleteBehavior.Restrict);
        allocation.HasOne<Invoice>().WithMany().HasForeignKey(a => a.InvoiceId).OnDelete(DeleteBehavior.Restrict);
    }
}
