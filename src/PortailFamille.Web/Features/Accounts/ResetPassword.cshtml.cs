using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PortailFamille.Web.Data;
using PortailFamille.Web.Features.Accounts.Sessions;

namespace PortailFamille.Web.Features.Accounts;

/// <summary>The page of the "Mot de passe oublié ?" link: choose a new password.</summary>
public sealed class ResetPasswordModel(UserManager<AppUser> users, AccountMails mails, UserSessions sessions, AppDbContext db) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "utilisateur")]
    public Guid UserId { get; set; }

    [BindProperty(SupportsGet = true, Name = "jeton")]
    public string? Token { get; set; }

    [BindProperty]
    public NewPasswordInput NewPassword { get; set; } = new();

    public bool LinkIsInvalid { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        var user = await users.FindByIdAsync(UserId.ToString());
        LinkIsInvalid = user is null || string.IsNullOrEmpty(Token)
            || !await users.VerifyUserTokenAsync(user, users.Options.Tokens.PasswordResetTokenProvider, UserManager<AppUser>.ResetPasswordTokenPurpose, Token);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var user = await users.FindByIdAsync(UserId.ToString());
        if (user is null || string.IsNullOrEmpty(Token))
        {
            LinkIsInvalid = true;
            return Page();
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var result = await users.ResetPasswordAsync(user, Token, NewPassword.Password!);
        if (!result.Succeeded)
        {
            if (result.Errors.Any(e => e.Code == nameof(IdentityErrorDescriber.InvalidToken)))
            {
                LinkIsInvalid = true;
                return Page();
            }

            foreach (var error in result.Errors)
            {
                ModelState.AddModelError("NewPassword.Password", error.Description);
            }

            return Page();
        }

        // A reset proves the person reads the mailbox: an account locked by guessing is
        // opened again.
        await users.SetLockoutEndDateAsync(user, null);
        await users.ResetAccessFailedCountAsync(user);
        mails.QueuePasswordChanged(user);
        await db.SaveChangesAsync(HttpContext.RequestAborted);
        // Whoever was signed in with the old password is signed out at once.
        await sessions.EndAllAsync(user.Id, except: null, HttpContext.RequestAborted);
        TempData["Message"] = "Votre nouveau mot de passe est enregistré. Vous pouvez vous connecter.";
        return Redirect(await users.IsInRoleAsync(user, Roles.Family) ? "/" : "/gestion/connexion");
    }
}
