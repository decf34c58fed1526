using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PortailFamille.Web.Data;
using PortailFamille.Web.Features.Billing;

namespace PortailFamille.Web.Features.Gestion.Billing;

/// <summary>The PDF of any family's invoice, for agents.</summary>
public sealed class InvoiceDocumentModel(AppDbContext db, InvoicePdf pdf) : PageModel
{
    public Task<IActionResult> OnGetAsync(Guid id) =>
        BillingDocuments.InvoiceAsync(db, pdf, id, familyId: null, Response, HttpContext.RequestAborted);
}
