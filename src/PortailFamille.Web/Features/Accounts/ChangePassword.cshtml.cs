using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PortailFamille.Web.Data;

namespace PortailFamille.Web.Features.Accounts;

/// <summary>"Mot de passe": a signed-in person changes their password, the current one required.</summary>
public sealed class ChangePasswordModel(UserManager<AppUser> users, SignInManager<AppUser> signInManager, AccountMails mails, AppDbContext db) : PageModel
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
        // The security stamp changed: renew this browser's cookie, other sessions are closed.
        await signInManager.RefreshSignInAsync(user);
        TempData["Message"] = "Votre mot de passe a été modifié.";
        return RedirectToPage();
    }
}
