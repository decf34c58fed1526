using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PortailFamille.Web.Data;
using PortailFamille.Web.Features.Accounts;
using PortailFamille.Web.Features.Billing;

namespace PortailFamille.Web.Features.FamilySpace.Account;

/// <summary>"Détail financier par facture": the signed-in family's invoices and credit notes.</summary>
public sealed class InvoicesModel(AppDbContext db) : PageModel
{
    public IReadOnlyList<InvoiceRow> Invoices { get; private set; } = [];

    public IReadOnlyList<CreditNoteRow> CreditNotes { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync()
    {
        var ct = HttpContext.RequestAborted;
        var familyId = User.FamilyId();
        Invoices = await FamilyBilling.InvoicesAsync(db, familyId, ct);
        CreditNotes = await FamilyBilling.CreditNotesAsync(db, familyId, ct);
        return Page();
    }
}
