using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PortailFamille.Web.Data;
using PortailFamille.Web.Features.Accounts.Sessions;

namespace PortailFamille.Web.Features.Accounts;

/// <summary>
/// "Mot de passe": a signed-in person changes their password, the current one required. A wrong
/// current password counts towards the lockout as a failed sign-in does (and the page is rate
/// limited), so a stolen session cannot be used to guess the password. The change ends the
/// account's other sessions.
/// </summary>
public sealed class ChangePasswordModel(
    UserManager<AppUser> users,
    SignInManager<AppUser> signInManager,
    AccountMails mails,
    UserSessions sessions,
    AppDbContext db) : PageModel
{
    [BindProperty]
    [Display(Name = "Mot de passe actuel")]
    [Required(ErrorMessage = "Saisissez votre mot de passe actuel.")]
    [MaxLength(200, ErrorMessage = "Le mot de passe est trop long.")]
    public string? CurrentPassword { get; set; }

    [BindProperty]
    public NewPasswordInput NewPassword { get; set; } = new();

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }

        var check = await signInManager.CheckPasswordSignInAsync(user, CurrentPassword!, lockoutOnFailure: true);
        if (check.IsLockedOut)
        {
            ModelState.AddModelError(nameof(CurrentPassword), SignInService.LockedOutMessage);
            return Page();
        }

        if (!check.Succeeded)
        {
            ModelState.AddModelError(nameof(CurrentPassword), users.ErrorDescriber.PasswordMismatch().Description);
            return Page();
        }

        var result = await users.ChangePasswordAsync(user, CurrentPassword!, NewPassword.Password!);
        if (!result.Succeeded)
        {
            foreach (var error in result.Errors)
            {
                var field = error.Code == nameof(IdentityErrorDescriber.PasswordMismatch) ? nameof(CurrentPassword) : "NewPassword.Password";
                ModelState.AddModelError(field, error.Description);
            }

            return Page();
        }

        mails.QueuePasswordChanged(user);
        await db.SaveChangesAsync(HttpContext.RequestAborted);
        // Whoever else was signed in with the old password is signed out at once; this
        // browser's session is renewed with the new security stamp.
        await sessions.EndAllAsync(user.Id, except: sessions.Current, HttpContext.RequestAborted);
        await signInManager.RefreshSignInAsync(user);
        TempData["Message"] = "Votre mot de passe a été modifié.";
        return RedirectToPage();
    }
}
