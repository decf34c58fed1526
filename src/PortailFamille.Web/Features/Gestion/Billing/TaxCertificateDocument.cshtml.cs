using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PortailFamille.Web.Data;
using PortailFamille.Web.Features.Billing;
using PortailFamille.Web.Infrastructure.Time;

namespace PortailFamille.Web.Features.Gestion.Billing;

/// <summary>A family's tax certificate of a year, already numbered, for agents (from the family file).</summary>
public sealed class TaxCertificateDocumentModel(AppDbContext db, TaxCertificates certificates, InvoicePdf pdf, ParisClock clock) : PageModel
{
    public Task<IActionResult> OnGetAsync(Guid id, [FromRoute(Name = "annee")] int year) =>
        BillingDocuments.TaxCertificateAsync(db, certificates, pdf, clock.Today, id, year, Response, HttpContext.RequestAborted);
}
