using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PortailFamille.Domain.Families;
using PortailFamille.Web.Data;
using PortailFamille.Web.Features.FamilySpace;

namespace PortailFamille.Web.Features.Gestion.Families;

/// <summary>An agent adds the second parent to a family and invites them.</summary>
public sealed class InviteSecondGuardianModel(AppDbContext db, SecondGuardianInvitation invitation) : PageModel
{
    [BindProperty]
    public GuardianInput Input { get; set; } = new();

    public Family Family { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(Guid id) => await LoadAsync(id) ?? Page();

    public async Task<IActionResult> OnPostAsync(Guid id)
    {
        if (await LoadAsync(id) is { } refused)
        {
            return refused;
        }

        if (await invitation.InviteAsync(Family, Input, ModelState, HttpContext.RequestAborted) is not { } guardian)
        {
            return Page();
        }

        TempData["Message"] = $"{guardian.DisplayName} est ajouté(e) comme second parent et invité(e) par email.";
        return Redirect($"/gestion/familles/{id}");
    }

    private async Task<IActionResult?> LoadAsync(Guid id)
    {
        if (await FamilyFile.LoadAsync(db, id, withChildren: false, HttpContext.RequestAborted) is not { } family)
        {
            return NotFound();
        }

        Family = family;
        if (family.Guardians.Count >= 2)
        {
            TempData["Message"] = "Cette famille a déjà deux responsables.";
            return Redirect($"/gestion/familles/{id}");
        }

        return null;
    }
}
