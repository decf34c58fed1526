using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using PortailFamille.Domain.Families;
using PortailFamille.Web.Data;
using PortailFamille.Web.Features.Accounts;
using PortailFamille.Web.Infrastructure.Auditing;

namespace PortailFamille.Web.Features.FamilySpace;

/// <summary>
/// Adds the second parent to a family and invites them to choose a password, whether Parent 1
/// or an agent asks: the guardian, the account, the invitation and the history entry are saved
/// together or not at all.
/// </summary>
public sealed class SecondGuardianInvitation(AppDbContext db, UserManager<AppUser> users, AccountOpening opening, AuditTrail audit)
{
    /// <summary>The invited guardian, or null with the refusals put on the form.</summary>
    public async Task<Guardian?> InviteAsync(Family family, GuardianInput input, ModelStateDictionary modelState, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(family);
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(modelState);
        var outcome = family.AddSecondGuardian(input.FirstName, input.LastName, input.Email);
        FamilyEditing.AddRefusals(modelState, outcome.Refusals, "Input.");
        if (!outcome.Succeeded)
        {
            return null;
        }

        var guardian = outcome.Value;
        if (await users.FindByEmailAsync(guardian.Email) is not null)
        {
            modelState.AddModelError("Input.Email", "Cette adresse email est déjà utilisée par un compte du portail : le second parent doit avoir sa propre adresse.");
            return null;
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var (user, errors) = await opening.InviteAsync(guardian.Email, guardian.FirstName, guardian.LastName, Roles.Family, family.Id);
        if (user is null)
        {
            errors.ToList().ForEach(e => modelState.AddModelError("Input.Email", e));
            return null;
        }

        audit.Record("Famille", family.Id, $"Second parent ajouté : {guardian.DisplayName} ({guardian.Email}) ; invitation envoyée.");
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return guardian;
    }
}
