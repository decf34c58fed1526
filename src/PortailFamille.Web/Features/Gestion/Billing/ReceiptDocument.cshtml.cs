using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PortailFamille.Web.Data;
using PortailFamille.Web.Features.Billing;

namespace PortailFamille.Web.Features.Gestion.Billing;

/// <summary>The receipt (reçu) of any family's payment, for agents.</summary>
public sealed class ReceiptDocumentModel(AppDbContext db, InvoicePdf pdf) : PageModel
{
    public Task<IActionResult> OnGetAsync(Guid id) =>
        BillingDocuments.ReceiptAsync(db, pdf, id, familyId: null, Response, HttpContext.RequestAborted);
}
