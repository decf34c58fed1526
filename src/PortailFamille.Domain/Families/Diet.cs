namespace PortailFamille.Domain.Families;

/// <summary>"Régime alimentaire" of a child at the canteen and the leisure centre.</summary>
public enum Diet
{
    /// <summary>Sans régime particulier.</summary>
    Standard = 0,

    /// <summary>Sans porc.</summary>
    NoPork = 1,

    /// <summary>Sans viande.</summary>
    NoMeat = 2,

    /// <summary>Végétarien.</summary>
    Vegetarian = 3,

    /// <summary>Panier repas ou repas sans allergène, under a PAI.</summary>
    AllergenFree = 4,
}
