using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PortailFamille.Web.Data;
using PortailFamille.Web.Features.Accounts;
using PortailFamille.Web.Features.Billing;

namespace PortailFamille.Web.Features.FamilySpace.Account;

/// <summary>The PDF of one of the signed-in family's credit notes.</summary>
public sealed class CreditNoteDocumentModel(AppDbContext db, InvoicePdf pdf) : PageModel
{
    public Task<IActionResult> OnGetAsync(Guid id) =>
        BillingDocuments.CreditNoteAsync(db, pdf, id, User.FamilyId(), Response, HttpContext.RequestAborted);
}
