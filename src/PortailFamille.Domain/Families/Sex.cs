namespace PortailFamille.Domain.Families;

/// <summary>A child's sex as the guide shows it ("Sexe : Masculin").</summary>
public enum Sex
{
    /// <summary>Féminin.</summary>
    Female = 1,

    /// <summary>Masculin.</summary>
    Male = 2,
}
