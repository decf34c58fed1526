namespace PortailFamille.Domain.Families;

/// <summary>Where a family file stands with the service.</summary>
public enum FamilyStatus
{
    /// <summary>Signed up online, "en attente de validation" by an agent.</summary>
    PendingValidation = 1,

    /// <summary>Known to the service: the family may use every page of the portal.</summary>
    Active = 2,

    /// <summary>The sign-up was rejected by an agent, with a reason.</summary>
    Rejected = 3,

    /// <summary>Closed by an agent: nobody of the family can sign in any more.</summary>
    Deactivated = 4,
}
