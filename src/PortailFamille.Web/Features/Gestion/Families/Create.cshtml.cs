using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PortailFamille.Domain.Families;
using PortailFamille.Web.Data;
using PortailFamille.Web.Features.Accounts;
using PortailFamille.Web.Infrastructure.Auditing;

namespace PortailFamille.Web.Features.Gestion.Families;

/// <summary>
/// An agent creates the file of a family the service already knows; the responsable du foyer
/// is emailed an invitation to choose a password.
/// </summary>
public sealed class CreateModel(AppDbContext db, UserManager<AppUser> users, AccountOpening opening, AuditTrail audit, TimeProvider time) : PageModel
{
    [BindProperty]
    public CreateFamilyInput Input { get; set; } = new();

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var ct = HttpContext.RequestAborted;
        var now = time.GetUtcNow();
        var outcome = Family.CreateKnown(Input.FirstName, Input.LastName, Input.Email, now);
        foreach (var refusal in outcome.Refusals)
        {
            ModelState.AddModelError($"Input.{refusal.Field}", refusal.Message);
        }

        if (!outcome.Succeeded || !ModelState.IsValid)
        {
            return Page();
        }

        var family = outcome.Value;
        var responsible = family.Responsible;
        if (await users.FindByEmailAsync(responsible.Email) is not null)
        {
            ModelState.AddModelError("Input.Email", "Cette adresse email est déjà utilisée par un compte du portail : cherchez la famille dans la liste.");
            return Page();
        }

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        db.Families.Add(family);
        var (user, errors) = await opening.InviteAsync(responsible.Email, responsible.FirstName, responsible.LastName, Roles.Family, family.Id);
        if (user is null)
        {
            errors.ToList().ForEach(e => ModelState.AddModelError("Input.Email", e));
            return Page();
        }

        audit.Record("Famille", family.Id, $"Dossier créé par le service pour {family.DisplayName} ({responsible.Email}) ; invitation envoyée.");
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);

        TempData["Message"] = $"La famille {family.DisplayName} est créée. Une invitation à choisir un mot de passe a été envoyée à {responsible.Email}.";
        return Redirect("/gestion/familles");
    }
}

public sealed class CreateFamilyInput
{
    [Display(Name = "Prénom du responsable du foyer")]
    [Required(ErrorMessage = "Saisissez le prénom du responsable du foyer.")]
    public string? FirstName { get; set; }

    [Display(Name = "Nom du responsable du foyer")]
    [Required(ErrorMessage = "Saisissez le nom du responsable du foyer.")]
    public string? LastName { get; set; }

    [Display(Name = "Adresse email")]
    [Required(ErrorMessage = "Saisissez l'adresse email du responsable du foyer : elle sera son identifiant.")]
    public string? Email { get; set; }
}
