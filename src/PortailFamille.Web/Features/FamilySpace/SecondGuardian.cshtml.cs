using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PortailFamille.Domain.Families;
using PortailFamille.Web.Data;
using PortailFamille.Web.Features.Accounts;
using PortailFamille.Web.Infrastructure.Auditing;

namespace PortailFamille.Web.Features.FamilySpace;

/// <summary>
/// The responsable du foyer invites the second parent, who gets their own sign-in to the same
/// family (separated parents both follow their children).
/// </summary>
public sealed class SecondGuardianModel(AppDbContext db, UserManager<AppUser> users, AccountMails mails, AuditTrail audit, TimeProvider time) : PageModel
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

        var outcome = family!.AddSecondGuardian(Input.FirstName, Input.LastName, Input.Email);
        foreach (var refusal in outcome.Refusals)
        {
            ModelState.AddModelError(string.IsNullOrEmpty(refusal.Field) ? string.Empty : $"Input.{refusal.Field}", refusal.Message);
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var guardian = outcome.Value;
        if (await users.FindByEmailAsync(guardian.Email) is not null)
        {
            ModelState.AddModelError("Input.Email", "Cette adresse email est déjà utilisée par un compte du portail : le second parent doit avoir sa propre adresse.");
            return Page();
        }

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var user = new AppUser
        {
            Id = Guid.NewGuid(),
            UserName = guardian.Email,
            Email = guardian.Email,
            FirstName = guardian.FirstName,
            LastName = guardian.LastName,
            FamilyId = family.Id,
            CreatedAt = time.GetUtcNow(),
        };
        var created = await users.CreateAsync(user);
        if (created.Succeeded)
        {
            created = await users.AddToRoleAsync(user, Roles.Family);
        }

        if (!created.Succeeded)
        {
            foreach (var error in created.Errors)
            {
                ModelState.AddModelError("Input.Email", error.Description);
            }

            return Page();
        }

        await mails.QueueInvitationAsync(user);
        audit.Record("Famille", family.Id, $"Second parent ajouté : {guardian.DisplayName} ({guardian.Email}) ; invitation envoyée.");
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
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
