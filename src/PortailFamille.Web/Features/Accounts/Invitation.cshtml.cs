using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PortailFamille.Web.Data;
using PortailFamille.Web.Infrastructure.Auditing;

namespace PortailFamille.Web.Features.Accounts;

/// <summary>The page of an invitation link: the invited person chooses their password.</summary>
public sealed class InvitationModel(UserManager<AppUser> users, AppDbContext db, TimeProvider time, AuditTrail audit) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "utilisateur")]
    public Guid UserId { get; set; }

    [BindProperty(SupportsGet = true, Name = "jeton")]
    public string? Token { get; set; }

    [BindProperty]
    public NewPasswordInput NewPassword { get; set; } = new();

    public AppUser? Invited { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        Invited = await FindInvitedAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        Invited = await FindInvitedAsync();
        if (Invited is null || !ModelState.IsValid)
        {
            return Page();
        }

        await using var transaction = await db.Database.BeginTransactionAsync(HttpContext.RequestAborted);
        // Adding the password changes the security stamp, which kills this link for good.
        var result = await users.AddPasswordAsync(Invited, NewPassword.Password!);
        if (!result.Succeeded)
        {
            foreach (var error in result.Errors)
            {
                ModelState.AddModelError("NewPassword.Password", error.Description);
            }

            return Page();
        }

        Invited.EmailConfirmed = true;
        Invited.ActivatedAt = time.GetUtcNow();
        await users.UpdateAsync(Invited);
        audit.Record("Compte", Invited.Id, $"Mot de passe choisi par {Invited.DisplayName} à la suite de l'invitation.");
        await db.SaveChangesAsync(HttpContext.RequestAborted);
        await transaction.CommitAsync(HttpContext.RequestAborted);

        TempData["Message"] = "Votre mot de passe est enregistré. Vous pouvez maintenant vous connecter avec votre adresse email.";
        return Redirect(Invited.FamilyId is null ? "/gestion/connexion" : "/");
    }

    private async Task<AppUser?> FindInvitedAsync()
    {
        if (string.IsNullOrEmpty(Token))
        {
            return null;
        }

        var user = await users.FindByIdAsync(UserId.ToString());
        if (user is null || user.IsDisabled || user.PasswordHash is not null)
        {
            return null;
        }

        return await users.VerifyUserTokenAsync(user, InvitationTokenProvider.ProviderName, InvitationTokenProvider.Purpose, Token)
            ? user
            : null;
    }
}
