using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using PortailFamille.Web.Data;

namespace PortailFamille.Web.Features.Billing;

/// <summary>
/// Loads an invoice or a credit note and draws its PDF, for the family that owns it or, when
/// no family is given, for an agent. Another family's document is not found.
/// </summary>
public static class BillingDocuments
{
    public static async Task<IActionResult> InvoiceAsync(AppDbContext db, InvoicePdf pdf, Guid id, Guid? familyId, HttpResponse response, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(response);
        var invoice = await db.Invoices.AsNoTracking().Include(i => i.Lines)
            .Where(i => i.Id == id && (familyId == null || i.FamilyId == familyId))
            .SingleOrDefaultAsync(cancellationToken);
        if (invoice is null)
        {
            return new NotFoundResult();
        }

        // A family's bill is personal: no shared cache keeps it.
        response.Headers.CacheControl = "private, no-store";
        return new FileContentResult(pdf.Invoice(invoice), "application/pdf") { FileDownloadName = FamilyBilling.FileName("facture", invoice.Number) };
    }

    public static async Task<IActionResult> CreditNoteAsync(AppDbContext db, InvoicePdf pdf, Guid id, Guid? familyId, HttpResponse response, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(response);
        var note = await db.CreditNotes.AsNoTracking()
            .Where(n => n.Id == id && (familyId == null || n.FamilyId == familyId))
            .SingleOrDefaultAsync(cancellationToken);
        if (note is null)
        {
            return new NotFoundResult();
        }

        var invoice = await db.Invoices.AsNoTracking().SingleAsync(i => i.Id == note.InvoiceId, cancellationToken);
        response.Headers.CacheControl = "private, no-store";
        return new FileContentResult(pdf.CreditNote(note, invoice), "application/pdf") { FileDownloadName = FamilyBilling.FileName("avoir", note.Number) };
    }

    public static async Task<IActionResult> ReceiptAsync(AppDbContext db, InvoicePdf pdf, Guid id, Guid? familyId, HttpResponse response, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(response);
        var owner = await db.Payments.AsNoTracking()
            .Where(p => p.Id == id && (familyId == null || p.FamilyId == familyId))
            .Select(p => (Guid?)p.FamilyId)
            .SingleOrDefaultAsync(cancellationToken);
        if (owner is not { } ownerId)
        {
            return new NotFoundResult();
        }

        var payment = (await FamilyBilling.PaymentsAsync(db, ownerId, cancellationToken)).Single(p => p.Id == id);
        var family = await db.Families.AsNoTracking().SingleAsync(f => f.Id == ownerId, cancellationToken);
        var contact = family.Contact;
        var address = contact is null ? "" : $"{contact.Street}\n{contact.PostalCode} {contact.Town}";
        var name = $"{family.Responsible.LastName.ToUpperInvariant()} {family.Responsible.FirstName}";
        response.Headers.CacheControl = "private, no-store";
        return new FileContentResult(pdf.Receipt(payment, name, address), "application/pdf") { FileDownloadName = FamilyBilling.FileName("recu", payment.Number) };
    }

    /// <summary>
    /// A family's tax certificate of a year, for an agent: only one already numbered (by the
    /// family or by the yearly run), since a download is a read and never gives a number; what
    /// it certifies is computed now, as when the family draws it.
    /// </summary>
    public static async Task<IActionResult> TaxCertificateAsync(AppDbContext db, TaxCertificates certificates, InvoicePdf pdf, DateOnly today, Guid familyId, int year, HttpResponse response, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(certificates);
        ArgumentNullException.ThrowIfNull(response);
        var record = await db.TaxCertificates.AsNoTracking().SingleOrDefaultAsync(c => c.FamilyId == familyId && c.Year == year, cancellationToken);
        if (record is null)
        {
            return new NotFoundResult();
        }

        var certificate = await certificates.ComputeAsync(familyId, year, cancellationToken);
        var family = await db.Families.AsNoTracking().SingleAsync(f => f.Id == familyId, cancellationToken);
        var contact = family.Contact;
        var address = contact is null ? "" : $"{contact.Street}\n{contact.PostalCode} {contact.Town}";
        var payers = family.Guardians.OrderBy(g => g.Rank).Select(g => $"{g.FirstName} {g.LastName.ToUpperInvariant()}").ToList();
        response.Headers.CacheControl = "private, no-store";
        return new FileContentResult(pdf.TaxCertificate(record, certificate, family.DisplayName, address, payers, today), "application/pdf")
        {
            FileDownloadName = FamilyBilling.FileName("attestation-fiscale", record.Number),
        };
    }
}
