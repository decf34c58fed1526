namespace PortailFamille.Web.Infrastructure.Municipality;

/// <summary>
/// The "Commune" section of the configuration: the identity of the organising authority, shown
/// in the header, the footer pages and every email.
/// </summary>
public sealed class MunicipalityOptions
{
    public const string Section = "Commune";

    /// <summary>"Mairie de Beaulieu-les-Sagnes".</summary>
    public string Name { get; set; } = "Commune";

    /// <summary>The service families deal with: "Service Enfance Jeunesse".</summary>
    public string ServiceName { get; set; } = "Service Enfance Jeunesse";

    public string Street { get; set; } = string.Empty;

    public string PostalCode { get; set; } = string.Empty;

    public string Town { get; set; } = string.Empty;

    public string Phone { get; set; } = string.Empty;

    public string Email { get; set; } = string.Empty;

    /// <summary>Opening hours of the service, free text.</summary>
    public string OpeningHours { get; set; } = string.Empty;

    /// <summary>Path or address of the logo shown in the header.</summary>
    public string LogoUrl { get; set; } = "/img/logo.svg";

    /// <summary>Directeur ou directrice de la publication (mentions légales).</summary>
    public string PublicationDirector { get; set; } = string.Empty;

    /// <summary>Hébergeur (mentions légales): name and address.</summary>
    public string Host { get; set; } = string.Empty;

    /// <summary>Délégué à la protection des données: how to reach them.</summary>
    public string DataProtectionOfficer { get; set; } = string.Empty;

    /// <summary>SIRET of the commune, printed on invoices and certificates.</summary>
    public string Siret { get; set; } = string.Empty;

    /// <summary>
    /// Alsace-Moselle: Good Friday and 26 December are public holidays too, which changes the
    /// working days of every booking deadline.
    /// </summary>
    public bool AlsaceMoselle { get; set; }

    public string AddressLine => $"{Street}, {PostalCode} {Town}".Trim(' ', ',');
}
