using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PortailFamille.Domain.Families;
using PortailFamille.Web.Data;
using PortailFamille.Web.Features.FamilySpace;
using PortailFamille.Web.Infrastructure.Auditing;

namespace PortailFamille.Web.Features.Gestion.Families;

/// <summary>An agent corrects a family's coordonnées, with the same rules as the family's own form.</summary>
public sealed class EditContactModel(AppDbContext db, AuditTrail audit) : PageModel
{
    [BindProperty]
    public ContactInput Input { get; set; } = new();

    public Family Family { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        if (await FamilyFile.LoadAsync(db, id, withChildren: false, HttpContext.RequestAborted) is not { } family)
        {
            return NotFound();
        }

        Family = family;
        Input = ContactInput.From(family.Contact);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id)
    {
        if (await FamilyFile.LoadAsync(db, id, withChildren: false, HttpContext.RequestAborted) is not { } family)
        {
            return NotFound();
        }

        Family = family;
        if (!FamilyEditing.SaveContact(family, Input, ModelState, audit))
        {
            return Page();
        }

        await db.SaveChangesAsync(HttpContext.RequestAborted);
        TempData["Message"] = $"Les coordonnées de la famille {family.DisplayName} sont enregistrées.";
        return Redirect($"/gestion/familles/{id}");
    }
}
