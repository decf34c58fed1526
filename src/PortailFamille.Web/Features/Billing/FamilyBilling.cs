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

    /// <summary>
    /// The account from the invoices: until payments are recorded on their own, what the
    /// family paid is what was allocated to its invoices.
    /// </summary>
    public static FamilyAccount Account(IReadOnlyList<InvoiceRow> invoices)
    {
        ArgumentNullException.ThrowIfNull(invoices);
        return new(
            invoices.Sum(i => i.Total),
            invoices.Sum(i => i.Credited),
            invoices.Sum(i => i.Paid),
            invoices.Sum(i => i.Amounts.Remaining));
    }

    /// <summary>The name a browser saves a PDF under: "facture-2026-000123.pdf".</summary>
    public static string FileName(string kind, string number) => $"{kind}-{number}.pdf";
}
