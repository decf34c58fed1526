using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PortailFamille.Domain.Billing;
using PortailFamille.Domain.Common;
using PortailFamille.Web.Data;
using PortailFamille.Web.Features.Accounts;
using PortailFamille.Web.Infrastructure.Auditing;
using PortailFamille.Web.Infrastructure.Mail;
using PortailFamille.Web.Infrastructure.Municipality;
using PortailFamille.Web.Infrastructure.Time;

namespace PortailFamille.Web.Features.Billing;

/// <summary>
/// Issues a credit note (avoir) on an invoice (docs/product.md 4.7): a number of its own
/// gap-free series, the invoice's credited amount raised by a conditional update that never
/// passes its total, the audit entry and the family's email, all in one transaction. A note
/// that cancels the whole invoice also frees its days, so that they can be billed again once
/// corrected.
/// </summary>
public sealed class CreditNoteIssuing(AppDbContext db, AuditTrail audit, Mailer mailer, LinkBuilder links, ParisClock clock, IOptions<MunicipalityOptions> municipality)
{
    public const int MaxReasonLength = 500;

    /// <summary>
    /// Issues a note of <paramref name="amount"/>, or of everything left to cancel when it is
    /// null. Returns the note, or the French refusals with nothing saved.
    /// </summary>
    public async Task<Outcome<CreditNote>> IssueAsync(Guid invoiceId, decimal? amount, string? reason, string issuedBy, CancellationToken cancellationToken)
    {
        var why = Text.CleanInput(reason, multiline: true)?.Trim();
        if (string.IsNullOrEmpty(why))
        {
            return Outcome<CreditNote>.Refused([new("Reason", "Indiquez le motif de l'avoir : il est imprimé sur l'avoir envoyé à la famille.")]);
        }

        if (why.Length > MaxReasonLength)
        {
            return Outcome<CreditNote>.Refused([new("Reason", $"Le motif de l'avoir tient en {MaxReasonLength} caractères au plus.")]);
        }

        var today = clock.Today;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        // The number first: raising the counter makes concurrent notes wait for this one, so the
        // invoice read next is as the previous note left it, and a refused note gives its number back.
        var sequence = await BillingLocks.TakeNumbersAsync(db, DocumentNumber.CreditNoteSeries, today.Year, 1, cancellationToken);
        var invoice = await db.Invoices.AsNoTracking().SingleAsync(i => i.Id == invoiceId, cancellationToken);
        var value = amount ?? invoice.Amounts.Cancellable;
        var refusals = invoice.Amounts.CheckCreditNote(value);
        if (refusals.Count > 0)
        {
            return Outcome<CreditNote>.Refused(refusals);
        }

        // The database decides: the update only happens while the note fits in what remains
        // (nor may a credit exceed what payments leave, which the table's check refuses too).
        var raised = await db.Invoices
            .Where(i => i.Id == invoiceId && i.Credited + i.Paid + value <= i.Total)
            .ExecuteUpdateAsync(u => u.SetProperty(i => i.Credited, i => i.Credited + value), cancellationToken);
        if (raised == 0)
        {
            var current = (await db.Invoices.AsNoTracking().SingleAsync(i => i.Id == invoiceId, cancellationToken)).Amounts;
            var refusal = current.CheckCreditNote(value);
            return Outcome<CreditNote>.Refused(refusal.Count > 0
                ? refusal
                : [new("Amount", $"Le montant de l'avoir ne peut dépasser ce qui reste à payer sur la facture ({Money.Euros(current.Remaining)}).")]);
        }

        var note = new CreditNote
        {
            Id = Guid.NewGuid(),
            Number = DocumentNumber.Format(DocumentNumber.CreditNoteSeries, today.Year, sequence),
            Year = today.Year,
            Sequence = sequence,
            InvoiceId = invoiceId,
            FamilyId = invoice.FamilyId,
            Amount = value,
            Reason = why,
            IssuedOn = today,
            IssuedAt = clock.UtcNow,
            IssuedBy = issuedBy,
        };
        db.CreditNotes.Add(note);

        var cancelsAll = invoice.Credited + value >= invoice.Total;
        if (cancelsAll)
        {
            // The days of a cancelled invoice are billed again by the corrected one.
            await db.BilledDays.Where(d => d.InvoiceId == invoiceId).ExecuteDeleteAsync(cancellationToken);
        }

        audit.Record("Famille", invoice.FamilyId,
            $"Avoir {note.Number} de {Money.Euros(value)} sur la facture {invoice.Number}{(cancelsAll ? " (facture annulée)" : "")} ; motif : « {why} ».");
        var family = await db.Families.AsNoTracking().SingleAsync(f => f.Id == invoice.FamilyId, cancellationToken);
        var commune = municipality.Value;
        // Both parents, as for the invoice itself: each may follow the family's account.
        foreach (var parent in family.Guardians.Where(g => !string.IsNullOrEmpty(g.Email)).OrderBy(g => g.Rank))
        {
            mailer.Enqueue(parent.Email, new MailContent(
                $"Avoir {note.Number} sur votre facture {invoice.Number}",
                $"Bonjour {parent.FirstName} {parent.LastName},",
                [
                    $"Le {commune.ServiceName} de {commune.Name} a établi l'avoir {note.Number} de {Money.Euros(value)} sur votre facture {invoice.Number} ({FrenchDates.MonthAndYear(invoice.Month)}).",
                    $"Motif : {why}",
                    cancelsAll
                        ? "Cette facture est annulée."
                        : $"Reste à payer sur cette facture : {Money.Euros(new InvoiceAmounts(invoice.Total, invoice.Credited + value, invoice.Paid).Remaining)}.",
                    "Vous pouvez consulter et télécharger l'avoir et vos factures dans votre espace, rubrique Mon compte.",
                ],
                "Voir mon compte",
                links.Absolute("/famille/compte")));
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return Outcome<CreditNote>.Success(note);
    }
}
