using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using System.Xml;
using System.Xml.Linq;
using Microsoft.EntityFrameworkCore;
using PortailFamille.Domain.Billing;
using PortailFamille.Web.Data;
using PortailFamille.Web.Infrastructure.Time;

namespace PortailFamille.Web.Features.Payments.TestProvider;

/// <summary>What the test provider answers a SOAP call: the HTTP status and the envelope.</summary>
public sealed record SoapAnswer(HttpStatusCode Status, XDocument Envelope);

/// <summary>
/// The built-in PayFiP test provider (docs/product.md 4.7): the treasury's web service as its
/// WSDL describes it, on the portal's own server, so that the whole online payment runs on one
/// machine. It checks what the portal sends as the treasury would (refusing with the treasury's
/// kind of fault), keeps each session, and answers the result the tester chose on its page
/// (<see cref="DecideAsync"/>), or "not known yet" (P5) until then. Never on in Production.
/// </summary>
public sealed partial class PayFipTestProvider(AppDbContext db, ParisClock clock)
{
    /// <summary>The results the page offers, by the word of its buttons.</summary>
    public static IReadOnlyDictionary<string, string> Choices { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["payer"] = "P",
        ["refuser"] = "R",
        ["abandonner"] = "A",
    };

    private static readonly XNamespace Soap = "http://schemas.xmlsoap.org/soap/envelope/";
    private static readonly XNamespace Service = PayFipClient.Namespace;

    /// <summary>Answers one SOAP request (its body as received).</summary>
    public async Task<SoapAnswer> HandleAsync(string body, CancellationToken cancellationToken)
    {
        XElement? operation;
        try
        {
            operation = XDocument.Parse(body).Root?.Element(Soap + "Body")?.Elements().FirstOrDefault();
        }
        catch (XmlException)
        {
            operation = null;
        }

        if (operation is null || operation.Name.Namespace != Service)
        {
            return Technical("Requête SOAP illisible.");
        }

        var fields = operation.Element("arg0")?.Elements().ToDictionary(e => e.Name.LocalName, e => e.Value, StringComparer.Ordinal) ?? [];
        return operation.Name.LocalName switch
        {
            "creerPaiementSecurise" => await CreateAsync(fields, cancellationToken),
            "recupererDetailPaiementSecurise" => await DetailAsync(fields.GetValueOrDefault("idOp"), cancellationToken),
            var other => Technical($"Opération inconnue : {other}."),
        };
    }

    /// <summary>The session of an idOp, or null.</summary>
    public Task<PayFipTestSession?> FindAsync(string? idOp, CancellationToken cancellationToken) =>
        string.IsNullOrWhiteSpace(idOp) || idOp.Length > 64
            ? Task.FromResult<PayFipTestSession?>(null)
            : db.PayFipTestSessions.AsNoTracking().SingleOrDefaultAsync(s => s.IdOp == idOp, cancellationToken);

    /// <summary>
    /// Records the tester's choice (P, R or A), once: a second click, or a second tab, keeps
    /// the first. Returns the session as it stands, or null for an unknown idOp.
    /// </summary>
    public async Task<PayFipTestSession?> DecideAsync(string idOp, string result, CancellationToken cancellationToken)
    {
        var now = clock.UtcNow;
        var authorisation = result == "P" ? RandomNumberGenerator.GetInt32(0, 1_000_000).ToString("D6", CultureInfo.InvariantCulture) : null;
        await db.PayFipTestSessions
            .Where(s => s.IdOp == idOp && s.Result == null)
            .ExecuteUpdateAsync(u => u.SetProperty(s => s.Result, result).SetProperty(s => s.DecidedAt, now).SetProperty(s => s.Authorisation, authorisation), cancellationToken);
        return await FindAsync(idOp, cancellationToken);
    }

    /// <summary>Whether the session's idOp may still be used on the page (<see cref="PayFip.IdOpLifetime"/>).</summary>
    public bool IsOpen(PayFipTestSession session)
    {
        ArgumentNullException.ThrowIfNull(session);
        return session.Result is null && PayFip.IsIdOpValid(session.CreatedAt, clock.UtcNow);
    }

    private async Task<SoapAnswer> CreateAsync(Dictionary<string, string> fields, CancellationToken cancellationToken)
    {
        string Field(string name) => fields.GetValueOrDefault(name)?.Trim() ?? "";
        var numCli = Field("numcli");
        var exer = Field("exer");
        var montant = Field("montant");
        var refDet = Field("refdet");
        var objet = Field("objet");
        var mel = Field("mel");
        var saisie = Field("saisie");
        var urlNotif = Field("urlnotif");
        var urlRedirect = Field("urlredirect");

        // Each check refuses as the treasury does: a functional fault naming the field.
        if (!SixDigits().IsMatch(numCli))
        {
            return Fault("R1", "Le paramètre NUMCLI n'est pas conforme");
        }

        if (!int.TryParse(exer, NumberStyles.None, CultureInfo.InvariantCulture, out var year) || year is < 2000 or > 2999)
        {
            return Fault("R2", "Le paramètre EXER n'est pas conforme");
        }

        if (!long.TryParse(montant, NumberStyles.None, CultureInfo.InvariantCulture, out var cents) || cents is < 1 or > 10_000_000)
        {
            return Fault("R3", "Le format du paramètre MONTANT n'est pas conforme");
        }

        if (!PayFip.IsValidRefDet(refDet))
        {
            return Fault("R4", "Le paramètre REFDET n'est pas conforme");
        }

        if (objet.Length > PayFip.MaxObjetLength || !objet.All(c => char.IsAsciiLetterOrDigit(c) || c == ' '))
        {
            return Fault("R5", "Le paramètre OBJET n'est pas conforme");
        }

        if (mel.Length is 0 or > 256 || !mel.Contains('@', StringComparison.Ordinal))
        {
            return Fault("R6", "Le paramètre MEL n'est pas conforme");
        }

        if (saisie is not ("T" or "X" or "W"))
        {
            return Fault("R7", "Le paramètre SAISIE n'est pas conforme");
        }

        if (!IsWebAddress(urlNotif) || !IsWebAddress(urlRedirect))
        {
            return Fault("R8", "Les paramètres URLNOTIF et URLREDIRECT doivent être des adresses http(s)");
        }

        var session = new PayFipTestSession
        {
            IdOp = Guid.NewGuid().ToString("N"),
            NumCli = numCli,
            Year = year,
            AmountInCents = cents,
            RefDet = refDet,
            Email = mel,
            Objet = objet,
            NotificationUrl = urlNotif,
            RedirectUrl = urlRedirect,
            Saisie = saisie,
            CreatedAt = clock.UtcNow,
        };
        db.PayFipTestSessions.Add(session);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException e) when (UniqueViolation.Is(e))
        {
            return Fault("R9", "La référence REFDET a déjà été utilisée");
        }

        return Response("creerPaiementSecurise", new XElement("idOp", session.IdOp));
    }

    private async Task<SoapAnswer> DetailAsync(string? idOp, CancellationToken cancellationToken)
    {
        var session = await FindAsync(idOp?.Trim(), cancellationToken);
        if (session is null)
        {
            return Fault("P1", "IdOp incorrect");
        }

        if (session.Result is null || session.DecidedAt is not { } decidedAt)
        {
            return Fault("P5", "Résultat de la transaction non connu");
        }

        var paris = ParisClock.ToParis(decidedAt);
        return Response("recupererDetailPaiementSecurise",
            new XElement("dattrans", paris.ToString("ddMMyyyy", CultureInfo.InvariantCulture)),
            new XElement("exer", session.Year.ToString(CultureInfo.InvariantCulture)),
            new XElement("heurtrans", paris.ToString("HHmm", CultureInfo.InvariantCulture)),
            new XElement("idOp", session.IdOp),
            new XElement("mel", session.Email),
            new XElement("montant", session.AmountInCents.ToString(CultureInfo.InvariantCulture)),
            new XElement("numauto", session.Authorisation ?? ""),
            new XElement("numcli", session.NumCli),
            new XElement("objet", session.Objet),
            new XElement("refdet", session.RefDet),
            new XElement("resultrans", session.Result),
            new XElement("saisie", session.Saisie));
    }

    private static bool IsWebAddress(string value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps);

    private static SoapAnswer Response(string operation, params XElement[] fields) =>
        Envelope(HttpStatusCode.OK, new XElement(Service + (operation + "Response"), new XElement("return", fields)));

    private static SoapAnswer Fault(string code, string text) =>
        Envelope(HttpStatusCode.InternalServerError, new XElement(Soap + "Fault",
            new XElement("faultcode", "soap:Server"),
            new XElement("faultstring", text),
            new XElement("detail", new XElement(Service + "FonctionnelleErreur",
                new XElement("code", code), new XElement("descriptif", text), new XElement("libelle", text), new XElement("severite", "2")))));

    private static SoapAnswer Technical(string text) =>
        Envelope(HttpStatusCode.InternalServerError, new XElement(Soap + "Fault", new XElement("faultcode", "soap:Client"), new XElement("faultstring", text)));

    private static SoapAnswer Envelope(HttpStatusCode status, XElement body) =>
        new(status, new XDocument(new XElement(Soap + "Envelope", new XAttribute(XNamespace.Xmlns + "soap", Soap.NamespaceName), new XElement(Soap + "Body", body))));

    [GeneratedRegex("^[0-9]{6}$")]
    private static partial Regex SixDigits();
}
