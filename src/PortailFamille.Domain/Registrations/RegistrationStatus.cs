namespace PortailFamille.Domain.Registrations;

/// <summary>Where a registration stands with the service.</summary>
public enum RegistrationStatus
{
    /// <summary>Asked by the family, waiting for the service: the "?" of "Mes inscriptions".</summary>
    Requested,

    /// <summary>Accepted: the family books days from "Mes réservations".</summary>
    Validated,

    /// <summary>Refused, with a reason sent to the family; the family may ask again.</summary>
    Refused,
}
