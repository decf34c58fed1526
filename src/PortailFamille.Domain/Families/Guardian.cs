namespace PortailFamille.Domain.Families;

/// <summary>
/// An adult of the family ("Responsable du foyer" is Parent 1). Each guardian signs in with
/// their own email.
/// </summary>
public sealed class Guardian
{
    private Guardian()
    {
        FirstName = LastName = Email = string.Empty;
    }

    internal Guardian(Guid familyId, int rank, string firstName, string lastName, string email)
    {
        Id = Guid.NewGuid();
        FamilyId = familyId;
        Rank = rank;
        FirstName = firstName;
        LastName = lastName;
        Email = email;
    }

    /// <summary>Identifier.</summary>
    public Guid Id { get; private set; }

    /// <summary>The family this guardian belongs to.</summary>
    public Guid FamilyId { get; private set; }

    /// <summary>1 for the responsable du foyer, 2 for the second guardian.</summary>
    public int Rank { get; private set; }

    /// <summary>Prénom.</summary>
    public string FirstName { get; private set; }

    /// <summary>Nom.</summary>
    public string LastName { get; private set; }

    /// <summary>The sign-in identifier, normalised to lower case.</summary>
    public string Email { get; private set; }

    internal void ChangeEmail(string email) => Email = email;

    /// <summary>"DUPONT Marie", as Mes coordonnées writes the responsable du foyer (docs/product.md 3.4).</summary>
    public string DisplayName => $"{LastName.ToUpperInvariant()} {FirstName}";
}
