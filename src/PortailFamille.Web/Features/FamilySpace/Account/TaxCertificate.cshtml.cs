using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PortailFamille.Web.Data;
using PortailFamille.Web.Features.Accounts;
using PortailFamille.Web.Features.Billing;
using PortailFamille.Web.Infrastructure.Time;

namespace PortailFamille.Web.Features.FamilySpace.Account;

/// <summary>
/// "Demande d'Attestation fiscale" (docs/product.md 4.8): the family chooses a year and gets
/// its certificate as a PDF at once, numbered on the first request; a year without anything to
/// certify is said on the page instead.
/// </summary>
public sealed class TaxCertificateModel(AppDbContext db, TaxCertificates certificates, InvoicePdf pdf, ParisClock clock) : PageModel
{
    /// <summary>The years offered: last year first (the one declared in spring), this year so far, and the two before.</summary>
    public IReadOnlyList<int> Years { get; private set; } = [];

    [BindProperty(Name = "annee")]
    public int Year { get; set; }

    /// <summary>Said when the year certifies nothing.</summary>
    public string? Nothing { get; private set; }

    public void OnGet()
    {
        Offer();
        Year = Years[0];
    }

    public async Task<IActionResult> OnPostAsync()
    {
        Offer();
        var ct = HttpContext.RequestAborted;
        if (!Years.Contains(Year))
        {
            ModelState.AddModelError("annee", "Choisissez l'année de l'attestation dans la liste.");
            Year = Years[0];
            return Page();
        }

        var familyId = User.FamilyId();
        var certificate = await certificates.ComputeAsync(familyId, Year, ct);
        if (certificate.Total <= 0)
        {
            Nothing = $"Aucune somme à attester pour {Year} : l'attestation fiscale porte sur les frais de garde d'un enfant de moins de six ans au 1er janvier {Year}, payés pendant l'année (hors repas).";
            return Page();
        }

        var record = await certificates.IssueAsync(familyId, Year, ct);
        var family = await db.Families.AsNoTracking().SingleAsync(f => f.Id == familyId, ct);
        var contact = family.Contact;
        var address = contact is null ? "" : $"{contact.Street}\n{contact.PostalCode} {contact.Town}";
        var payers = family.Guardians.OrderBy(g => g.Rank).Select(g => $"{g.FirstName} {g.LastName.ToUpperInvariant()}").ToList();
        Response.Headers.CacheControl = "private, no-store";
        return File(pdf.TaxCertificate(record, certificate, family.DisplayName, address, payers, clock.Today), "application/pdf", $"attestation-fiscale-{Year}.pdf");
    }

    private void Offer()
    {
        var year = clock.Today.Year;
        Years = [year - 1, year, year - 2, year - 3];
    }
}
