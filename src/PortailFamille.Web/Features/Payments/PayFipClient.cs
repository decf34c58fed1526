using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Xml;
using System.Xml.Linq;
using Microsoft.Extensions.Options;
using PortailFamille.Domain.Billing;

namespace PortailFamille.Web.Features.Payments;

/// <summary>
/// Where the PayFiP web service is and who the commune is for it (configuration section
/// "PayFip"). The endpoint and the payment page default to the treasury's production
/// addresses; the built-in test provider replaces both with the portal's own.
/// </summary>
public sealed class PayFipOptions
{
    public const string Section = "PayFip";

    /// <summary>The SOAP endpoint of the service <c>PaiementSecuriseService</c>.</summary>
    public Uri Endpoint { get; set; } = new("https://www.payfip.gouv.fr/tpa/services/securite");

    /// <summary>The treasury's payment page, to which the family is sent with its <c>idOp</c>.</summary>
    public Uri PaymentPage { get; set; } = new("https://www.payfip.gouv.fr/tpa/paiementws.web");

    /// <summary>The commune's customer number at the treasury (<c>numcli</c>, six digits).</summary>
    public string NumCli { get; set; } = string.Empty;

    /// <summary>T (test), X (activation) or W (production); see <see cref="PayFipSaisie"/>.</summary>
    public string Saisie { get; set; } = "T";

    /// <summary>
    /// The built-in test provider in place of the treasury (on in Development and the demo,
    /// refused in Production): its endpoint, its page and its own <c>numcli</c>.
    /// </summary>
    public bool TestProvider { get; set; }

    /// <summary>Whether families are offered to pay online: with the test provider, or with the commune's <c>numcli</c>.</summary>
    public bool IsOffered => TestProvider || !string.IsNullOrWhiteSpace(NumCli);
}

/// <summary>What the portal asks the treasury to open: one invoice's remaining amount, for one attempt.</summary>
/// <param name="Year">The <c>exer</c>: the year of the debt.</param>
/// <param name="AmountInCents">The <c>montant</c>, in cents.</param>
/// <param name="RefDet">The attempt's own reference (<see cref="PayFip.RefDet"/>).</param>
/// <param name="Email">The <c>mel</c>: where the treasury sends its ticket.</param>
/// <param name="Objet">The <c>objet</c>, already in the treasury's alphabet (<see cref="PayFip.Objet"/>).</param>
/// <param name="NotificationUrl">The <c>urlnotif</c> the treasury calls with the idOp.</param>
/// <param name="RedirectUrl">The <c>urlredirect</c> the family comes back to.</param>
public sealed record PayFipRequest(int Year, long AmountInCents, string RefDet, string Email, string Objet, Uri NotificationUrl, Uri RedirectUrl);

/// <summary>The treasury's word on an attempt (<c>recupererDetailPaiementSecurise</c>).</summary>
/// <param name="Outcome">Paid, refused, abandoned, not known yet (P5), unknown idOp (P1)…</param>
/// <param name="ResultTrans">The <c>resultrans</c> letter, or the fault's code.</param>
/// <param name="AmountInCents">The <c>montant</c> the treasury took, when it says.</param>
/// <param name="RefDet">The <c>refdet</c> it knows the payment by, when it says.</param>
/// <param name="Authorisation">The bank's <c>numauto</c>, when paid.</param>
/// <param name="PaidAt">The <c>dattrans</c> and <c>heurtrans</c> (ddMMyyyy, HHmm), as the treasury writes them.</param>
public sealed record PayFipResult(PayFipOutcome Outcome, string ResultTrans, long? AmountInCents, string? RefDet, string? Authorisation, string? PaidAt);

/// <summary>The treasury could not be asked (network, an answer that is not the protocol's): nothing is concluded.</summary>
public sealed class PayFipUnavailableException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>The two calls the portal makes to the PayFiP web service.</summary>
public interface IPayFip
{
    /// <summary><c>creerPaiementSecurise</c>: returns the <c>idOp</c> of the payment session.</summary>
    Task<string> CreatePaymentAsync(PayFipRequest request, CancellationToken cancellationToken);

    /// <summary><c>recupererDetailPaiementSecurise</c>: what became of the session.</summary>
    Task<PayFipResult> GetResultAsync(string idOp, CancellationToken cancellationToken);

    /// <summary>The page the family is sent to.</summary>
    Uri PaymentPage(string idOp);
}

/// <summary>
/// The PayFiP web service client (SOAP 1.1, document/literal, over HttpClient), as the
/// treasury's WSDL describes it: each call sends its fields in an <c>arg0</c> element and gets
/// a <c>return</c> element back, or a SOAP fault whose detail carries a functional code (P1:
/// unknown idOp, P5: result not known yet…).
/// </summary>
public sealed class PayFipClient(HttpClient http, IOptions<PayFipOptions> options) : IPayFip
{
    /// <summary>The service's namespace.</summary>
    public const string Namespace = "http://securite.service.tpa.cp.finances.gouv.fr/services/mas_securite/contrat_paiement_securise/PaiementSecuriseService";

    private static readonly XNamespace Soap = "http://schemas.xmlsoap.org/soap/envelope/";
    private static readonly XNamespace Service = Namespace;

    public async Task<string> CreatePaymentAsync(PayFipRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var settings = options.Value;
        if (!PayFip.TryParseSaisie(settings.Saisie, out var saisie))
        {
            throw new InvalidOperationException($"PayFip:Saisie « {settings.Saisie} » : T, X ou W attendu.");
        }

        // The fields in the WSDL's order (alphabetical).
        var answer = await CallAsync("creerPaiementSecurise", new XElement("arg0",
            new XElement("exer", request.Year.ToString(CultureInfo.InvariantCulture)),
            new XElement("mel", request.Email),
            new XElement("montant", request.AmountInCents.ToString(CultureInfo.InvariantCulture)),
            new XElement("numcli", settings.NumCli),
            new XElement("objet", request.Objet),
            new XElement("refdet", request.RefDet),
            new XElement("saisie", PayFip.Code(saisie).ToString()),
            new XElement("urlnotif", request.NotificationUrl.AbsoluteUri),
            new XElement("urlredirect", request.RedirectUrl.AbsoluteUri)), cancellationToken);
        if (answer.Fault is { } fault)
        {
            throw new PayFipUnavailableException($"PayFiP a refusé la création du paiement ({fault}).");
        }

        var idOp = answer.Return?.Element("idOp")?.Value;
        return string.IsNullOrWhiteSpace(idOp)
            ? throw new PayFipUnavailableException("PayFiP n'a pas donné d'idOp.")
            : idOp.Trim();
    }

    public async Task<PayFipResult> GetResultAsync(string idOp, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(idOp);
        var answer = await CallAsync("recupererDetailPaiementSecurise", new XElement("arg0", new XElement("idOp", idOp)), cancellationToken);
        if (answer.Fault is { } fault)
        {
            return new PayFipResult(PayFip.FaultOutcome(fault), fault, null, null, null, null);
        }

        var result = answer.Return ?? throw new PayFipUnavailableException("PayFiP a répondu sans résultat.");
        string? Field(string name) => result.Element(name)?.Value.Trim() is { Length: > 0 } value ? value : null;
        var resultTrans = Field("resultrans") ?? "";
        return new PayFipResult(
            PayFip.Outcome(resultTrans),
            resultTrans,
            long.TryParse(Field("montant"), NumberStyles.None, CultureInfo.InvariantCulture, out var cents) ? cents : null,
            Field("refdet"),
            Field("numauto"),
            Field("dattrans") is { } day ? $"{day} {Field("heurtrans")}".Trim() : null);
    }

    public Uri PaymentPage(string idOp)
    {
        var page = new UriBuilder(options.Value.PaymentPage) { Query = "idop=" + Uri.EscapeDataString(idOp) };
        return page.Uri;
    }

    /// <summary>The envelope of an operation, sent as the WSDL says (SOAPAction empty, UTF-8 XML).</summary>
    public static XDocument Envelope(string operation, XElement argument) =>
        new(new XElement(Soap + "Envelope",
            new XAttribute(XNamespace.Xmlns + "soapenv", Soap.NamespaceName),
            new XAttribute(XNamespace.Xmlns + "pai", Service.NamespaceName),
            new XElement(Soap + "Header"),
            new XElement(Soap + "Body", new XElement(Service + operation, argument))));

    private sealed record Answer(XElement? Return, string? Fault);

    private async Task<Answer> CallAsync(string operation, XElement argument, CancellationToken cancellationToken)
    {
        using var content = new StringContent(Envelope(operation, argument).ToString(SaveOptions.DisableFormatting), Encoding.UTF8, "text/xml");
        using var message = new HttpRequestMessage(HttpMethod.Post, options.Value.Endpoint) { Content = content };
        message.Headers.Add("SOAPAction", "\"\"");
        message.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/xml"));
        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(message, cancellationToken);
        }
        catch (HttpRequestException e)
        {
            throw new PayFipUnavailableException("PayFiP ne répond pas.", e);
        }

        using (response)
        {
            var text = await response.Content.ReadAsStringAsync(cancellationToken);
            XDocument document;
            try
            {
                document = XDocument.Parse(text);
            }
            catch (XmlException e)
            {
                throw new PayFipUnavailableException($"PayFiP a répondu {(int)response.StatusCode} sans SOAP.", e);
            }

            var body = document.Root?.Element(Soap + "Body") ?? throw new PayFipUnavailableException("PayFiP a répondu sans corps SOAP.");
            if (body.Element(Soap + "Fault") is { } fault)
            {
                // The functional code is in the detail (FonctionnelleErreur/code); a fault without one is a technical failure.
                var code = fault.Element("detail")?.Descendants().FirstOrDefault(e => e.Name.LocalName == "code")?.Value.Trim();
                return string.IsNullOrEmpty(code)
                    ? throw new PayFipUnavailableException($"PayFiP a répondu une erreur technique : {fault.Element("faultstring")?.Value}.")
                    : new Answer(null, code);
            }

            if (!response.IsSuccessStatusCode)
            {
                throw new PayFipUnavailableException($"PayFiP a répondu {(int)response.StatusCode}.");
            }

            var reply = body.Elements().FirstOrDefault(e => e.Name.LocalName == operation + "Response");
            return new Answer(reply?.Elements().FirstOrDefault(e => e.Name.LocalName == "return"), null);
        }
    }
}
