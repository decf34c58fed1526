using Microsoft.EntityFrameworkCore;
using PortailFamille.Domain.Billing;
using PortailFamille.Web.Data;

namespace PortailFamille.Web.Features.Billing;

/// <summary>An invoice as the lists show it.</summary>
public sealed record InvoiceRow(Guid Id, string Number, DateOnly IssuedOn, DateOnly Month, DateOnly DueOn, decimal Total, decimal Credited, decimal Paid)
{
    public InvoiceAmounts Amounts => new(Total, Credited, Paid);

    public string StatusLabel => InvoiceStatuses.Label(Amounts.Status);
}

/// <summary>A credit note as the lists show it, with the invoice it corrects.</summary>
public sealed record CreditNoteRow(Guid Id, string Number, DateOnly IssuedOn, Guid InvoiceId, string InvoiceNumber, decimal Amount, string Reason);

/// <summary>The part of a payment that went to an invoice, with the invoice's number.</summary>
public sealed record PaymentAllocationRow(Guid InvoiceId, string InvoiceNumber, decimal Amount);

/// <summary>A payment as the lists show it, with the invoices it paid.</summary>
public sealed record PaymentRow(
    Guid Id,
    string Number,
    DateOnly ReceivedOn,
    PaymentMethod Method,
    decimal Amount,
    string Payer,
    string? ChequeNumber,
    string? Bank,
    DateTimeOffset? CancelledAt,
    string? CancelReason,
    IReadOnlyList<PaymentAllocationRow> Allocations,
    decimal Refunded = 0m)
{
    public bool IsCancelled => CancelledAt is not null;

    public string MethodLabel => PaymentMethods.Label(Method);

    /// <summary>What no invoice and no refund took: the credit it leaves, 0 once cancelled.</summary>
    public decimal Leftover => IsCancelled ? 0m : Amount - Allocations.Sum(a => a.Amount) - Refunded;
}

/// <summary>A refund of the family's credit, as the lists show it.</summary>
public sealed record RefundRow(Guid Id, string Number, DateOnly PaidOn, PaymentMethod Method, decimal Amount, string? Reason)
{
    public string MethodLabel => PaymentMethods.Label(Method);
}

/// <summary>
/// What a family's account holds: its invoices, its credit notes and their sums. Every query
/// takes the family's id, so a family page passing the signed-in family's id sees nothing else.
/// </summary>
public static class FamilyBilling
{
    /// <summary>The family's invoices, newest first.</summary>
    public static async Task<IReadOnlyList<InvoiceRow>> InvoicesAsync(AppDbContext db, Guid familyId, CancellationToken cancellationToken) =>
        await db.Invoices.AsNoTracking()
            .Where(i => i.FamilyId == familyId)
            .OrderByDescending(i => i.Year).ThenByDescending(i => i.Sequence)
            .Select(i => new InvoiceRow(i.Id, i.Number, i.IssuedOn, i.Month, i.DueOn, i.Total, i.Credited, i.Paid))
            .ToListAsync(cancellationToken);

    /// <summary>The family's credit notes, newest first.</summary>
    public static async Task<IReadOnlyList<CreditNoteRow>> CreditNotesAsync(AppDbContext db, Guid familyId, CancellationToken cancellationToken) =>
        await (from n in db.CreditNotes.AsNoTracking()
               join i in db.Invoices on n.InvoiceId equals i.Id
               where n.FamilyId == familyId
               orderby n.Year descending, n.Sequence descending
               select new CreditNoteRow(n.Id, n.Number, n.IssuedOn, i.Id, i.Number, n.Amount, n.Reason))
            .ToListAsync(cancellationToken);

    /// <summary>The family's payments, cancelled ones included, newest first.</summary>
    public static async Task<IReadOnlyList<PaymentRow>> PaymentsAsync(AppDbContext db, Guid familyId, CancellationToken cancellationToken)
    {
        var payments = await db.Payments.AsNoTracking()
            .Where(p => p.FamilyId == familyId)
            .OrderByDescending(p => p.Year).ThenByDescending(p => p.Sequence)
            .ToListAsync(cancellationToken);
        var allocations = (await (from a in db.PaymentAllocations.AsNoTracking()
                                  join p in db.Payments on a.PaymentId equals p.Id
                                  join i in db.Invoices on a.InvoiceId equals i.Id
                                  where p.FamilyId == familyId
                                  select new { a.PaymentId, a.InvoiceId, i.Number, i.Year, i.Sequence, a.Amount })
                .ToListAsync(cancellationToken))
            .OrderBy(a => a.Year).ThenBy(a => a.Sequence)
            .ToLookup(a => a.PaymentId, a => new PaymentAllocationRow(a.InvoiceId, a.Number, a.Amount));
        var refunded = (await (from r in db.RefundParts.AsNoTracking()
                               join p in db.Payments on r.PaymentId equals p.Id
                               where p.FamilyId == familyId
                               select new { r.PaymentId, r.Amount })
                .ToListAsync(cancellationToken))
            .GroupBy(r => r.PaymentId)
            .ToDictionary(g => g.Key, g => g.Sum(r => r.Amount));
        return [.. payments.Select(p => new PaymentRow(p.Id, p.Number, p.ReceivedOn, p.Method, p.Amount, p.Payer, p.ChequeNumber, p.Bank, p.CancelledAt, p.CancelReason, [.. allocations[p.Id]], refunded.GetValueOrDefault(p.Id)))];
    }

    /// <summary>The refunds of the family's credit, newest first.</summary>
    public static async Task<IReadOnlyList<RefundRow>> RefundsAsync(AppDbContext db, Guid familyId, CancellationToken cancellationToken) =>
        await db.Refunds.AsNoTracking()
            .Where(r => r.FamilyId == familyId)
            .OrderByDescending(r => r.Year).ThenByDescending(r => r.Sequence)
            .Select(r => new RefundRow(r.Id, r.Number, r.PaidOn, r.Method, r.Amount, r.Reason))
            .ToListAsync(cancellationToken);

    /// <summary>The family's credit: what its payments, cancelled ones aside, left to no invoice.</summary>
    public static decimal Credit(IReadOnlyList<PaymentRow> payments)
    {
        ArgumentNullException.ThrowIfNull(payments);
        return payments.Sum(p => p.Leftover);
    }

    /// <summary>
    /// The account from the invoices and the payments: what the family paid is what its
    /// invoices received plus its credit, so a cancelled payment no longer counts.
    /// </summary>
    public static FamilyAccount Account(IReadOnlyList<InvoiceRow> invoices, IReadOnlyList<PaymentRow> payments)
    {
        ArgumentNullException.ThrowIfNull(invoices);
        return new(
            invoices.Sum(i => i.Total),
            invoices.Sum(i => i.Credited),
            invoices.Sum(i => i.Paid) + Credit(payments),
            invoices.Sum(i => i.Amounts.Remaining));
    }

    /// <summary>The name a browser saves a PDF under: "facture-2026-000123.pdf".</summary>
    public static string FileName(string kind, string number) => $"{kind}-{number}.pdf";
}
