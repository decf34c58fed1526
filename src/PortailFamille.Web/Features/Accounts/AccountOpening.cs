using Microsoft.AspNetCore.Identity;

namespace PortailFamille.Web.Features.Accounts;

/// <summary>
/// Opens an account that has no password yet, in its role, and queues the invitation to
/// choose one: how a known family, a second parent and every member of staff get their
/// access. The caller owns the transaction and saves.
/// </summary>
public sealed class AccountOpening(UserManager<AppUser> users, AccountMails mails, TimeProvider time)
{
    /// <summary>The new account, or the French reasons why it could not be opened.</summary>
    public async Task<(AppUser? User, IReadOnlyList<string> Errors)> InviteAsync(string email, string firstName, string lastName, string role, Guid? familyId = null)
    {
        var user = new AppUser
        {
            Id = Guid.NewGuid(),
            UserName = email,
            Email = email,
            FirstName = firstName,
            LastName = lastName,
            FamilyId = familyId,
            CreatedAt = time.GetUtcNow(),
        };
        var result = await users.CreateAsync(user);
        if (result.Succeeded)
        {
            result = await users.AddToRoleAsync(user, role);
        }

        if (!result.Succeeded)
        {
            return (null, [.. result.Errors.Select(e => e.Description)]);
        }

        await mails.QueueInvitationAsync(user);
        return (user, []);
    }
}
