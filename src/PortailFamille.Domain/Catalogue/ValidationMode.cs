namespace PortailFamille.Domain.Catalogue;

/// <summary>How the service decides on the reservation requests of an activity after the nightly transfer.</summary>
public enum ValidationMode
{
    /// <summary>In request order: confirmed while places last, waitlisted beyond.</summary>
    Automatic,

    /// <summary>Agents confirm, waitlist or refuse each request in the back office.</summary>
    Manual,
}
