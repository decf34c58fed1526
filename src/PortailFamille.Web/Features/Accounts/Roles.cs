using PortailFamille.Domain.Staff;

namespace PortailFamille.Web.Features.Accounts;

/// <summary>The Identity role names, as agents read them in the back office.</summary>
public static class Roles
{
    public const string Family = "Famille";
    public const string Agent = "Agent";
    public const string Administrator = "Administrateur";

    public static readonly IReadOnlyList<string> All = [Family, Agent, Administrator];

    public static string For(StaffRole role) => role switch
    {
        StaffRole.Agent => Agent,
        StaffRole.Administrator => Administrator,
        _ => throw new ArgumentOutOfRangeException(nameof(role), role, null),
    };
}

/// <summary>Authorisation policies of the portal and the back office.</summary>
public static class Policies
{
    /// <summary>A guardian of a family.</summary>
    public const string Family = "Family";

    /// <summary>Any member of staff: agent or administrator.</summary>
    public const string Staff = "Staff";

    /// <summary>Administrators only.</summary>
    public const string Administrator = "Administrator";

    public const string FamilyIdClaim = "family_id";
}
