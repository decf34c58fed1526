namespace PortailFamille.Domain.Families;

/// <summary>"Régime allocataire": which fund pays the family's benefits.</summary>
public enum BenefitScheme
{
    /// <summary>Non allocataire.</summary>
    None = 0,

    /// <summary>Régime général (CAF).</summary>
    General = 1,

    /// <summary>MSA (agricultural scheme).</summary>
    Msa = 2,

    /// <summary>Autre régime.</summary>
    Other = 3,
}
