using Microsoft.AspNetCore.Identity;

namespace PortailFamille.Web.Features.Accounts;

/// <summary>
/// A sign-in account: a guardian of a family (role Famille) or a member of staff (role Agent
/// or Administrateur). The email is the identifier.
/// </summary>
public sealed class AppUser : IdentityUser<Guid>
{
    public string FirstName { get; set; } = string.Empty;

    public string LastName { get; set; } = string.Empty;

    /// <summary>Set for family accounts only.</summary>
    public Guid? FamilyId { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>When the account holder chose a password (after an invitation or at sign-up).</summary>
    public DateTimeOffset? ActivatedAt { get; set; }

    /// <summary>A staff account closed by an administrator can no longer sign in.</summary>
    public bool IsDisabled { get; set; }

    public string DisplayName => $"{LastName.ToUpperInvariant()} {FirstName}";
}
