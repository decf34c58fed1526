using PortailFamille.Domain.Common;

namespace PortailFamille.Domain.Catalogue;

/// <summary>
/// A type d'activité of an équipement, such as "Restauration", "Périscolaire" or "ALSH": the
/// second choice of a new registration, which narrows the list of activities.
/// </summary>
public sealed class ActivityType
{
    /// <summary>Longest accepted name.</summary>
    public const int MaxNameLength = 100;

    private ActivityType()
    {
        Name = string.Empty;
    }

    /// <summary>Identifier.</summary>
    public Guid Id { get; private set; }

    /// <summary>The équipement this type belongs to.</summary>
    public Guid FacilityId { get; private set; }

    /// <summary>Nom du type d'activité.</summary>
    public string Name { get; private set; }

    /// <summary>Creates a type d'activité of the given équipement.</summary>
    public static Outcome<ActivityType> Create(Guid facilityId, string? name)
    {
        var refusals = new List<Refusal>();
        if (facilityId == Guid.Empty)
        {
            refusals.Add(new(nameof(FacilityId), "Choisissez l'équipement du type d'activité."));
        }

        var clean = Labels.Normalize(name, MaxNameLength);
        if (clean is null)
        {
            refusals.Add(NameRefusal);
        }

        return refusals.Count > 0
            ? Outcome<ActivityType>.Refused(refusals)
            : Outcome<ActivityType>.Success(new ActivityType { Id = Guid.NewGuid(), FacilityId = facilityId, Name = clean! });
    }

    /// <summary>Renames the type d'activité.</summary>
    public Outcome<ActivityType> Rename(string? name)
    {
        var clean = Labels.Normalize(name, MaxNameLength);
        if (clean is null)
        {
            return Outcome<ActivityType>.Refused([NameRefusal]);
        }

        Name = clean;
        return Outcome<ActivityType>.Success(this);
    }

    private static Refusal NameRefusal => new(nameof(Name), $"Saisissez le nom du type d'activité ({MaxNameLength} caractères au plus).");
}
