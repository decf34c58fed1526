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

        // The same work whether or not the address has an account, so that the time of the
        // answer tells nothing either: a token is made and a mail is queued in a transaction,
        // committed for an account, rolled back for a stranger (docs/decisions/0007).
        var ct = HttpContext.RequestAborted;
        var user = await users.FindByEmailAsync(normalized);
        var known = user is { IsDisabled: false };
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await mails.QueuePasswordResetAsync(known ? user! : Stranger(normalized));
        await db.SaveChangesAsync(ct);
        if (known)
        {
            await transaction.CommitAsync(ct);
        }
        else
        {
            await transaction.RollbackAsync(ct);
        }

        Sent = true;
        return Page();
    }

    /// <summary>An account that does not exist, with which the unknown path does the known path's work.</summary>
    private static AppUser Stranger(string email) => new()
    {
        Id = Guid.NewGuid(),
        UserName = email,
        Email = email,
        SecurityStamp = Guid.NewGuid().ToString("N"),
    };
}
