using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PortailFamille.Domain.Common;
using PortailFamille.Web.Data;
using PortailFamille.Web.Features.Accounts;
using PortailFamille.Web.Infrastructure.Auditing;

namespace PortailFamille.Web.Features.Gestion.StaffAccounts;

/// <summary>An administrator opens an account for a member of staff, who is invited by email.</summary>
public sealed class CreateModel(AppDbContext db, UserManager<AppUser> users, AccountOpening opening, AuditTrail audit) : PageModel
{
    [BindProperty]
    public StaffInput Input { get; set; } = new();

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var ct = HttpContext.RequestAborted;
        var firstName = Text.NormalizeName(Input.FirstName);
        var lastName = Text.NormalizeName(Input.LastName);
        var email = Text.NormalizeEmail(Input.Email);
        if (Input.FirstName is not null && firstName is null)
        {
            ModelState.AddModelError("Input.FirstName", "Le prénom ne peut contenir que des lettres, espaces, tirets et apostrophes.");
        }

        if (Input.LastName is not null && lastName is null)
        {
            ModelState.AddModelError("Input.LastName", "Le nom ne peut contenir que des lettres, espaces, tirets et apostrophes.");
        }

        if (Input.Email is not null && email is null)
        {
            ModelState.AddModelError("Input.Email", "Saisissez une adresse email valide, par exemple prenom.nom@mairie.fr.");
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        if (await users.FindByEmailAsync(email!) is not null)
        {
            ModelState.AddModelError("Input.Email", "Cette adresse email est déjà utilisée par un compte du portail.");
            return Page();
        }

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var role = Roles.For(Input.Role!.Value);
        var (user, errors) = await opening.InviteAsync(email!, firstName!, lastName!, role);
        if (user is null)
        {
            errors.ToList().ForEach(e => ModelState.AddModelError("Input.Email", e));
            return Page();
        }

        audit.Record("Compte", user.Id, $"Compte {role} créé pour {user.DisplayName} ({email}) ; invitation envoyée.");
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        TempData["Message"] = $"Le compte de {user.DisplayName} est créé ; une invitation a été envoyée à {email}.";
        return Redirect("/gestion/personnel");
    }
}
