namespace PortailFamille.Domain.Families;

/// <summary>A child's sex as Ma famille shows it ("Sexe : Masculin", docs/product.md 3.3).</summary>
public enum Sex
{
    /// <summary>Féminin.</summary>
    Female = 1,

    /// <summary>Masculin.</summary>
    Male = 2,
}
