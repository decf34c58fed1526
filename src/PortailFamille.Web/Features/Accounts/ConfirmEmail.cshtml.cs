using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PortailFamille.Domain.Common;
using PortailFamille.Web.Data;
using PortailFamille.Web.Infrastructure.Auditing;

namespace PortailFamille.Web.Features.Accounts;

/// <summary>
/// The page of the link sent to a new email address when the service changes an account's
/// email. Opening the link changes nothing (mail scanners open links too); the button does:
/// the account's email and user name, and the guardian's email in the family file, in one
/// transaction. The security stamp changes, so the link dies and other sessions end.
/// </summary>
public sealed class ConfirmEmailModel(
    UserManager<AppUser> users,
    SignInManager<AppUser> signInManager,
    AccountMails mails,
    AuditTrail audit,
    AppDbContext db) : PageModel
{
    public const string DoneMessage = "Votre nouvelle adresse email est enregistrée : elle est désormais votre identifiant.";

    [BindProperty(SupportsGet = true, Name = "utilisateur")]
    public Guid UserId { get; set; }

    [BindProperty(SupportsGet = true, Name = "email")]
    public string? NewEmail { get; set; }

    [BindProperty(SupportsGet = true, Name = "jeton")]
    public string? Token { get; set; }

    public bool LinkIsInvalid { get; private set; }

    public bool Done { get; private set; }

    public bool IsFamily { get; private set; }

    /// <summary>The account had no password yet: a new invitation went to the new address.</summary>
    public bool InvitationSent { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        var user = await FindUserAsync();
        LinkIsInvalid = user is null
            || !await users.VerifyUserTokenAsync(user, users.Options.Tokens.ChangeEmailTokenProvider, ChangeEmailPurpose(NewEmail!), Token!);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var ct = HttpContext.RequestAborted;
        var user = await FindUserAsync();
        if (user is null)
        {
            LinkIsInvalid = true;
            return Page();
        }

        var newEmail = NewEmail!;
        var formerEmail = user.Email!;
        if (await users.FindByEmailAsync(newEmail) is { } other && other.Id != user.Id)
        {
            ModelState.AddModelError(string.Empty, "Cette adresse email est désormais utilisée par un autre compte du portail : contactez le service.");
            return Page();
        }

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var changed = await users.ChangeEmailAsync(user, newEmail, Token!);
        if (changed.Errors.Any(e => e.Code == nameof(IdentityErrorDescriber.InvalidToken)))
        {
            LinkIsInvalid = true;
            return Page();
        }

        // The user name is the email: both change together, or neither.
        if (changed.Succeeded)
        {
            changed = await users.SetUserNameAsync(user, newEmail);
        }

        if (!changed.Succeeded)
        {
            foreach (var error in changed.Errors)
            {
                ModelState.AddModelError(string.Empty, error.Description);
            }

            return Page();
        }

        if (user.FamilyId is { } familyId)
        {
            var family = await db.Families.SingleAsync(f => f.Id == familyId, ct);
            var guardian = family.Guardians.SingleOrDefault(g => g.Email == Text.NormalizeEmail(formerEmail));
            if (guardian is not null)
            {
                var outcome = family.ChangeGuardianEmail(guardian.Id, newEmail);
                if (!outcome.Succeeded)
                {
                    foreach (var refusal in outcome.Refusals)
                    {
                        ModelState.AddModelError(string.Empty, refusal.Message);
                    }

                    return Page();
                }
            }

            audit.Record("Famille", familyId, $"Adresse email de {guardian?.DisplayName ?? user.DisplayName} changée : {formerEmail} → {newEmail} (confirmée avec le lien envoyé à la nouvelle adresse).");
        }
        else
        {
            audit.Record("Compte", user.Id, $"Adresse email de {user.DisplayName} changée : {formerEmail} → {newEmail} (confirmée avec le lien envoyé à la nouvelle adresse).");
        }

        mails.QueueEmailChanged(user, formerEmail);
        InvitationSent = user.PasswordHash is null;
        if (InvitationSent)
        {
            // The invitation sent to the former address died with the old security stamp.
            await mails.QueueInvitationAsync(user);
        }

        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);

        // Whoever confirms from a session of this very account stays signed in; every other
        // session of the account ends at its next security stamp check.
        if (User.Identity?.IsAuthenticated == true && User.UserId() == user.Id)
        {
            await signInManager.RefreshSignInAsync(user);
        }

        Done = true;
        IsFamily = user.FamilyId is not null;
        return Page();
    }

    // UserManager signs change-email tokens for this purpose; it keeps the helper that makes it protected.
    private static string ChangeEmailPurpose(string newEmail) => "ChangeEmail:" + newEmail;

    private async Task<AppUser?> FindUserAsync()
    {
        if (string.IsNullOrEmpty(Token) || Text.NormalizeEmail(NewEmail) != NewEmail)
        {
            return null;
        }

        return await users.FindByIdAsync(UserId.ToString());
    }
}
