using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PortailFamille.Domain.Families;
using PortailFamille.Web.Data;
using PortailFamille.Web.Features.Accounts;

namespace PortailFamille.Web.Features.FamilySpace;

/// <summary>"Mes coordonnées" (docs/product.md 3.4).</summary>
public sealed class ContactDetailsModel(AppDbContext db) : PageModel
{
    public Family Family { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync()
    {
        var family = await FamilyFile.LoadAsync(db, User.FamilyId(), withChildren: false, HttpContext.RequestAborted);
        if (family is null)
        {
            return NotFound();
        }

        Family = family;
        return Page();
    }
}
