using PortailFamille.Domain.Common;

namespace PortailFamille.Domain.Families;

/// <summary>
/// An adult the service may hand the child to, or call in an emergency ("personne autorisée").
/// </summary>
public sealed record AuthorisedPerson(string Name, string Phone, string Relationship, bool MayPickUp, bool EmergencyContact)
{
    /// <summary>Checks one person typed in the child's form; the field names are those of the record.</summary>
    public static Outcome<AuthorisedPerson> Create(string? name, string? phone, string? relationship, bool mayPickUp, bool emergencyContact)
    {
        var refusals = new List<Refusal>();
        var cleanName = Text.NormalizeName(name);
        if (cleanName is null)
        {
            refusals.Add(new(nameof(Name), "Saisissez le nom et le prénom de la personne autorisée."));
        }

        var cleanPhone = PhoneNumber.Normalize(phone);
        if (cleanPhone is null)
        {
            refusals.Add(new(nameof(Phone), "Saisissez le téléphone de la personne autorisée (10 chiffres)."));
        }

        var cleanRelationship = relationship?.Trim();
        if (string.IsNullOrEmpty(cleanRelationship) || cleanRelationship.Length > 50)
        {
            refusals.Add(new(nameof(Relationship), "Indiquez le lien avec l'enfant (par exemple grand-mère, voisin)."));
        }

        if (!mayPickUp && !emergencyContact)
        {
            refusals.Add(new(nameof(MayPickUp), "Cochez au moins « peut venir chercher l'enfant » ou « à appeler en cas d'urgence »."));
        }

        return refusals.Count > 0
            ? Outcome<AuthorisedPerson>.Refused(refusals)
            : Outcome<AuthorisedPerson>.Success(new AuthorisedPerson(cleanName!, cleanPhone!, cleanRelationship!, mayPickUp, emergencyContact));
    }
}
