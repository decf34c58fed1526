using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PortailFamille.Domain.Families;
using PortailFamille.Web.Data;
using PortailFamille.Web.Features.Accounts;

namespace PortailFamille.Web.Features.FamilySpace;

/// <summary>
/// The responsable du foyer invites the second parent, who gets their own sign-in to the same
/// family (separated parents both follow their children).
/// </summary>
public sealed class SecondGuardianModel(AppDbContext db, SecondGuardianInvitation invitation) : PageModel
{
    [BindProperty]
    public GuardianInput Input { get; set; } = new();

    public async Task<IActionResult> OnGetAsync()
    {
        var family = await FamilyFile.LoadAsync(db, User.FamilyId(), withChildren: false, HttpContext.RequestAborted);
        return Check(family) ?? Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var ct = HttpContext.RequestAborted;
        var family = await FamilyFile.LoadAsync(db, User.FamilyId(), withChildren: false, ct);
        if (Check(family) is { } refused)
        {
            return refused;
        }

        var guardian = await invitation.InviteAsync(family!, Input, ModelState, ct);
        if (guardian is null)
        {
            return Page();
        }

        TempData["Message"] = $"{guardian.FirstName} {guardian.LastName} est invité(e) : un email lui permet de choisir son mot de passe.";
        return Redirect("/famille");
    }

    private IActionResult? Check(Family? family)
    {
        if (family is null)
        {
            return NotFound();
        }

        if (!FamilyFile.IsResponsible(family, User))
        {
            return Forbid();
        }

        if (family.Guardians.Count >= 2)
        {
            TempData["Message"] = "Votre famille a déjà deux responsables.";
            return Redirect("/famille");
        }

        return null;
    }
}

public sealed class GuardianInput
{
    [Display(Name = "Prénom")]
    public string? FirstName { get; set; }

    [Display(Name = "Nom")]
    public string? LastName { get; set; }

    [Display(Name = "Adresse email")]
    public string? Email { get; set; }
}
