using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PortailFamille.Domain.Billing;
using PortailFamille.Domain.Families;
using PortailFamille.Web.Features.Billing;

namespace PortailFamille.Web.Features.Payments;

/// <summary>
/// One attempt of a family to pay an invoice online (docs/product.md 4.7), kept whatever
/// became of it: who, when, how much, the reference sent to the treasury (refdet), the idOp
/// it gave, its last answer and, once paid, the payment recorded.
/// </summary>
public sealed class OnlinePaymentAttemptRecord
{
    public Guid Id { get; set; }

    public Guid FamilyId { get; set; }

    public Guid InvoiceId { get; set; }

    /// <summary>The invoice's number, kept as the family and the agents read it.</summary>
    public string InvoiceNumber { get; set; } = string.Empty;

    /// <summary>The invoice's remaining amount when the attempt began: what the treasury is asked to take.</summary>
    public decimal Amount { get; set; }

    /// <summary>The attempt's own reference (<see cref="PayFip.RefDet"/>), unique.</summary>
    public string RefDet { get; set; } = string.Empty;

    /// <summary>The treasury's id of the payment session; null until it answers the creation.</summary>
    public string? IdOp { get; set; }

    public OnlinePaymentState State { get; set; }

    public DateTimeOffset StartedAt { get; set; }

    /// <summary>The account that began it (its email).</summary>
    public string StartedBy { get; set; } = string.Empty;

    /// <summary>The responsable who pays, as the receipt names them.</summary>
    public string Payer { get; set; } = string.Empty;

    /// <summary>When the attempt left <see cref="OnlinePaymentState.Pending"/> (or last changed after).</summary>
    public DateTimeOffset? DecidedAt { get; set; }

    /// <summary>When the treasury was last asked about it.</summary>
    public DateTimeOffset? CheckedAt { get; set; }

    /// <summary>The treasury's last word: the resultrans letter, a fault code, or why the session could not be opened.</summary>
    public string? Result { get; set; }

    /// <summary>The bank's authorisation number, when paid.</summary>
    public string? Authorisation { get; set; }

    /// <summary>The payment recorded when the treasury said "paid".</summary>
    public Guid? PaymentId { get; set; }
}

internal sealed class OnlinePaymentAttemptConfiguration : IEntityTypeConfiguration<OnlinePaymentAttemptRecord>
{
    public void Configure(EntityTypeBuilder<OnlinePaymentAttemptRecord> attempt)
    {
        attempt.ToTable("OnlinePaymentAttempts", t => t.HasCheckConstraint("CK_OnlinePaymentAttempts_Amount", "\"Amount\" > 0"));
        attempt.Property(a => a.Id).ValueGeneratedNever();
        attempt.Property(a => a.InvoiceNumber).HasMaxLength(DocumentNumber.MaxLength);
        attempt.Property(a => a.Amount).AsCents();
        attempt.Property(a => a.RefDet).HasMaxLength(PayFip.MaxRefDetLength);
        attempt.HasIndex(a => a.RefDet).IsUnique();
        attempt.Property(a => a.IdOp).HasMaxLength(64);
        attempt.HasIndex(a => a.IdOp).IsUnique();
        attempt.Property(a => a.State).HasConversion<string>().HasMaxLength(20);
        // One attempt of an invoice at a time, whatever two tabs or two parents do at once:
        // the database refuses a second pending attempt of the same invoice.
        attempt.HasIndex(a => a.InvoiceId).IsUnique().HasFilter("\"State\" = 'Pending'").HasDatabaseName("IX_OnlinePaymentAttempts_InvoiceId_Pending");
        // The job's query: the attempts still pending, oldest first.
        attempt.HasIndex(a => new { a.State, a.StartedAt });
        attempt.HasIndex(a => new { a.FamilyId, a.StartedAt });
        attempt.Property(a => a.StartedBy).HasMaxLength(256);
        attempt.Property(a => a.Payer).HasMaxLength(PaymentEntry.MaxPayerLength);
        attempt.Property(a => a.Result).HasMaxLength(200);
        attempt.Property(a => a.Authorisation).HasMaxLength(64);
        attempt.HasOne<Family>().WithMany().HasForeignKey(a => a.FamilyId).OnDelete(DeleteBehavior.Restrict);
        attempt.HasOne<Invoice>().WithMany().HasForeignKey(a => a.InvoiceId).OnDelete(DeleteBehavior.Restrict);
        attempt.HasOne<Payment>().WithMany().HasForeignKey(a => a.PaymentId).OnDelete(DeleteBehavior.Restrict);
    }
}
