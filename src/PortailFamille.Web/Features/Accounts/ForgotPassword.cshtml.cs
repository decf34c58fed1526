using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PortailFamille.Domain.Common;
using PortailFamille.Web.Data;

namespace PortailFamille.Web.Features.Accounts;

/// <summary>
/// "Mot de passe oublié ?": emails a reset link when the address has an account, and answers
/// exactly the same when it has none.
/// </summary>
public sealed class ForgotPasswordModel(UserManager<AppUser> users, AccountMails mails, AppDbContext db) : PageModel
{
    [BindProperty]
    [Display(Name = "Votre adresse email")]
    [Required(ErrorMessage = "Saisissez l'adresse email de votre compte.")]
    [MaxLength(254, ErrorMessage = "L'adresse email est trop longue.")]
    public string? Email { get; set; }

    public bool Sent { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var normalized = Text.NormalizeEmail(Email);
        if (normalized is null)
        {
            ModelState.AddModelError(nameof(Email), "Saisissez une adresse email valide, par exemple nom@exemple.fr.");
            return Page();
        }

        var user = await users.FindByEmailAsync(normalized);
        if (user is { IsDisabled: false })
        {
            await mails.QueuePasswordResetAsync(user);
            await db.SaveChangesAsync(HttpContext.RequestAborted);
        }

        Sent = true;
        return Page();
    }
}
