using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PortailFamille.Web.Data;
using PortailFamille.Web.Features.Accounts;
using PortailFamille.Web.Features.Billing;

namespace PortailFamille.Web.Features.FamilySpace.Account;

/// <summary>The receipt (reçu) of one of the signed-in family's payments.</summary>
public sealed class ReceiptDocumentModel(AppDbContext db, InvoicePdf pdf) : PageModel
{
    public Task<IActionResult> OnGetAsync(Guid id) =>
        BillingDocuments.ReceiptAsync(db, pdf, id, User.FamilyId(), Response, HttpContext.RequestAborted);
}
