using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PortailFamille.Domain.Common;
using PortailFamille.Web.Data;
using PortailFamille.Web.Features.Billing;
using PortailFamille.Web.Infrastructure;

namespace PortailFamille.Web.Features.Gestion.Billing;

/// <summary>An invoice as an agent sees it, with its credit notes and the form "Établir un avoir".</summary>
public sealed class InvoiceModel(AppDbContext db, CreditNoteIssuing issuing) : PageModel
{
    public Features.Billing.Invoice Invoice { get; private set; } = null!;

    public IReadOnlyList<CreditNoteRow> CreditNotes { get; private set; } = [];

    /// <summary>The payments that paid part of this invoice, cancelled ones included, newest first.</summary>
    public IReadOnlyList<(PaymentRow Payment, decimal Amount)> Payments { get; private set; } = [];

    [BindProperty]
    public CreditNoteInput CreditNote { get; set; } = new();

    public async Task<IActionResult> OnGetAsync(Guid id) => await LoadAsync(id) ? Page() : NotFound();

    public async Task<IActionResult> OnPostCreditNoteAsync(Guid id)
    {
        var ct = HttpContext.RequestAborted;
        if (!await db.Invoices.AnyAsync(i => i.Id == id, ct))
        {
            return NotFound();
        }

        decimal? amount = null;
        if (!CreditNote.WholeInvoice)
        {
            if (!FrenchNumbers.TryParseDecimal(CreditNote.Amount, out var typed))
            {
                return await RefusedAsync(id, [new(nameof(CreditNoteInput.Amount), "Saisissez le montant de l'avoir en euros, par exemple 12,50, ou cochez « Annuler toute la facture ».")]);
            }

            amount = typed;
        }

        var outcome = await issuing.IssueAsync(id, amount, CreditNote.Reason, User.Identity?.Name ?? "?", ct);
        if (!outcome.Succeeded)
        {
            return await RefusedAsync(id, outcome.Refusals);
        }

        TempData["Message"] = $"L'avoir {outcome.Value.Number} de {FrenchNumbers.Euros(outcome.Value.Amount)} est établi. La famille en est informée par email.";
        return Redirect($"/gestion/factures/{id}");
    }

    private async Task<IActionResult> RefusedAsync(Guid id, IEnumerable<Refusal> refusals)
    {
        foreach (var refusal in refusals)
        {
            ModelState.AddModelError($"{nameof(CreditNote)}.{refusal.Field}", refusal.Message);
        }

        return await LoadAsync(id) ? Page() : NotFound();
    }

    private async Task<bool> LoadAsync(Guid id)
    {
        var ct = HttpContext.RequestAborted;
        var invoice = await db.Invoices.AsNoTracking().Include(i => i.Lines).SingleOrDefaultAsync(i => i.Id == id, ct);
        if (invoice is null)
        {
            return false;
        }

        Invoice = invoice;
        CreditNotes = [.. (await FamilyBilling.CreditNotesAsync(db, invoice.FamilyId, ct)).Where(n => n.InvoiceId == id)];
        Payments =
        [
            .. from p in await FamilyBilling.PaymentsAsync(db, invoice.FamilyId, ct)
               from a in p.Allocations
               where a.InvoiceId == id
               select (p, a.Amount),
        ];
        return true;
    }
}

/// <summary>The form "Établir un avoir".</summary>
public sealed class CreditNoteInput
{
    /// <summary>The amount as typed, French way ("12,50").</summary>
    public string? Amount { get; set; }

    /// <summary>"Annuler toute la facture": the note takes everything left to cancel.</summary>
    public bool WholeInvoice { get; set; }

    public string? Reason { get; set; }
}
