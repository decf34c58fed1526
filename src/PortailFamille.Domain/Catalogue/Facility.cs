using PortailFamille.Domain.Common;

namespace PortailFamille.Domain.Catalogue;

/// <summary>
/// An équipement: a place or service of the commune that runs activities, such as
/// "RESTAURANT SCOLAIRE" or "CENTRE DE LOISIRS". It is the first choice of a new registration.
/// </summary>
public sealed class Facility
{
    /// <summary>Longest accepted name.</summary>
    public const int MaxNameLength = 100;

    private Facility()
    {
        Name = string.Empty;
    }

    /// <summary>Identifier.</summary>
    public Guid Id { get; private set; }

    /// <summary>Nom de l'équipement, as families see it in "Choix de l'équipement".</summary>
    public string Name { get; private set; }

    /// <summary>Creates an équipement.</summary>
    public static Outcome<Facility> Create(string? name)
    {
        var clean = Labels.Normalize(name, MaxNameLength);
        return clean is null
            ? Outcome<Facility>.Refused([NameRefusal])
            : Outcome<Facility>.Success(new Facility { Id = Guid.NewGuid(), Name = clean });
    }

    /// <summary>Renames the équipement.</summary>
    public Outcome<Facility> Rename(string? name)
    {
        var clean = Labels.Normalize(name, MaxNameLength);
        if (clean is null)
        {
            return Outcome<Facility>.Refused([NameRefusal]);
        }

        Name = clean;
        return Outcome<Facility>.Success(this);
    }

    private static Refusal NameRefusal => new(nameof(Name), $"Saisissez le nom de l'équipement ({MaxNameLength} caractères au plus).");
}
