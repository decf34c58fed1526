using System.Net;
using System.Text;
using System.Xml.Linq;
using Microsoft.Extensions.Options;
using PortailFamille.Domain.Billing;
using PortailFamille.Web.Features.Payments;

namespace PortailFamille.Web.Tests.Payments;

/// <summary>
/// The PayFiP client against a fake of the treasury's SOAP endpoint, in the same process: the
/// fake reads each request as the WSDL describes it and checks it field by field, and answers
/// with the WSDL's responses and faults.
/// </summary>
public sealed class PayFipClientTests
{
    private const string Ns = PayFipClient.Namespace;

    private static readonly PayFipRequest Request = new(
        2026, 4560, "PF0123456789ABCDEFGHIJKLM", "parent@example.org", "Facture 2026 000123 Famille MARTIN",
        new Uri("https://portail.example/paiement/notification"), new Uri("https://portail.example/famille/compte/paiement/retour"));

    [Fact]
    public async Task Creating_a_payment_sends_the_nine_fields_in_the_WSDL_s_order_and_returns_the_idOp()
    {
        var endpoint = new FakeEndpoint(_ => Response("creerPaiementSecurise", new XElement("idOp", "f4a0c2b1-idop")));
        var client = Client(endpoint);

        var idOp = await client.CreatePaymentAsync(Request, CancellationToken.None);

        Assert.Equal("f4a0c2b1-idop", idOp);
        var sent = Assert.Single(endpoint.Requests);
        Assert.Equal(HttpMethod.Post, sent.Method);
        Assert.Equal(new Uri("https://payfip.test/tpa/services/securite"), sent.Uri);
        Assert.Equal("text/xml", sent.MediaType);
        Assert.Equal("utf-8", sent.Charset);
        Assert.Equal("\"\"", sent.SoapAction);
        Assert.Equal(XName.Get("creerPaiementSecurise", Ns), sent.Operation.Name);
        Assert.Equal(
            [
                ("exer", "2026"), ("mel", "parent@example.org"), ("montant", "4560"), ("numcli", "012345"),
                ("objet", "Facture 2026 000123 Famille MARTIN"), ("refdet", "PF0123456789ABCDEFGHIJKLM"), ("saisie", "T"),
                ("urlnotif", "https://portail.example/paiement/notification"), ("urlredirect", "https://portail.example/famille/compte/paiement/retour"),
            ],
            sent.Fields);
    }

    [Theory]
    [InlineData("X", "X")]
    [InlineData("Production", "W")]
    public async Task The_environment_is_sent_as_its_letter(string configured, string sent)
    {
        var endpoint = new FakeEndpoint(_ => Response("creerPaiementSecurise", new XElement("idOp", "1")));

        await Client(endpoint, configured).CreatePaymentAsync(Request, CancellationToken.None);

        Assert.Contains(("saisie", sent), Assert.Single(endpoint.Requests).Fields);
    }

    [Fact]
    public async Task An_environment_the_protocol_does_not_know_is_refused_before_anything_is_sent()
    {
        var endpoint = new FakeEndpoint(_ => Response("creerPaiementSecurise", new XElement("idOp", "1")));

        await Assert.ThrowsAsync<InvalidOperationException>(() => Client(endpoint, "production!").CreatePaymentAsync(Request, CancellationToken.None));
        Assert.Empty(endpoint.Requests);
    }

    [Fact]
    public async Task A_refused_creation_is_reported_as_the_treasury_unavailable()
    {
        var endpoint = new FakeEndpoint(_ => Fault("R3", "Le format du paramètre MONTANT n'est pas conforme"));

        var refused = await Assert.ThrowsAsync<PayFipUnavailableException>(() => Client(endpoint).CreatePaymentAsync(Request, CancellationToken.None));
        Assert.Contains("R3", refused.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("P", PayFipOutcome.Paid)]
    [InlineData("V", PayFipOutcome.Paid)]
    [InlineData("R", PayFipOutcome.Refused)]
    [InlineData("Z", PayFipOutcome.Refused)]
    [InlineData("A", PayFipOutcome.Abandoned)]
    [InlineData("?", PayFipOutcome.Unknown)]
    public async Task The_result_of_a_payment_is_read_from_resultrans(string resultrans, PayFipOutcome outcome)
    {
        var endpoint = new FakeEndpoint(_ => Response("recupererDetailPaiementSecurise",
            new XElement("dattrans", "04122026"), new XElement("exer", "2026"), new XElement("heurtrans", "1432"),
            new XElement("idOp", "idop-1"), new XElement("mel", "parent@example.org"), new XElement("montant", "4560"),
            new XElement("numauto", "A12345"), new XElement("numcli", "012345"), new XElement("objet", "Facture"),
            new XElement("refdet", "PF0123"), new XElement("resultrans", resultrans), new XElement("saisie", "T")));

        var result = await Client(endpoint).GetResultAsync("idop-1", CancellationToken.None);

        Assert.Equal(new PayFipResult(outcome, resultrans, 4560, "PF0123", "A12345", "04122026 1432"), result);
        var sent = Assert.Single(endpoint.Requests);
        Assert.Equal(XName.Get("recupererDetailPaiementSecurise", Ns), sent.Operation.Name);
        Assert.Equal([("idOp", "idop-1")], sent.Fields);
    }

    [Theory]
    [InlineData("P5", PayFipOutcome.Pending)]
    [InlineData("P1", PayFipOutcome.UnknownOperation)]
    public async Task A_functional_fault_says_not_known_yet_or_unknown_idOp(string code, PayFipOutcome outcome)
    {
        var endpoint = new FakeEndpoint(_ => Fault(code, "Résultat de la transaction non connu"));

        var result = await Client(endpoint).GetResultAsync("idop-2", CancellationToken.None);

        Assert.Equal(outcome, result.Outcome);
        Assert.Equal(code, result.ResultTrans);
    }

    [Fact]
    public async Task An_answer_that_is_not_the_protocol_s_concludes_nothing()
    {
        var html = new FakeEndpoint(_ => new HttpResponseMessage(HttpStatusCode.ServiceUnavailable) { Content = new StringContent("<html><body>Maintenance</body>", Encoding.UTF8, "text/html") });
        var technical = new FakeEndpoint(_ => Fault(null, "Internal error"));
        var down = new FakeEndpoint(_ => throw new HttpRequestException("Connection refused"));

        await Assert.ThrowsAsync<PayFipUnavailableException>(() => Client(html).GetResultAsync("idop-3", CancellationToken.None));
        await Assert.ThrowsAsync<PayFipUnavailableException>(() => Client(technical).GetResultAsync("idop-3", CancellationToken.None));
        await Assert.ThrowsAsync<PayFipUnavailableException>(() => Client(down).GetResultAsync("idop-3", CancellationToken.None));
    }

    [Fact]
    public void The_family_is_sent_to_the_payment_page_with_its_idOp()
    {
        var client = Client(new FakeEndpoint(_ => throw new InvalidOperationException("No call expected.")));

        Assert.Equal("https://payfip.test/tpa/paiementws.web?idop=a%2Fb%20c", client.PaymentPage("a/b c").AbsoluteUri);
    }

    private static PayFipClient Client(FakeEndpoint endpoint, string saisie = "T") =>
        new(new HttpClient(endpoint), Options.Create(new PayFipOptions
        {
            Endpoint = new Uri("https://payfip.test/tpa/services/securite"),
            PaymentPage = new Uri("https://payfip.test/tpa/paiementws.web"),
            NumCli = "012345",
            Saisie = saisie,
        }));

    private static readonly XNamespace Soap = "http://schemas.xmlsoap.org/soap/envelope/";

    private static HttpResponseMessage Response(string operation, params XElement[] fields) =>
        Xml(HttpStatusCode.OK, new XElement(XName.Get(operation + "Response", Ns), new XElement("return", fields)));

    // A fault as the service sends it: the functional error in the detail, or none for a technical one.
    private static HttpResponseMessage Fault(string? code, string text) =>
        Xml(HttpStatusCode.InternalServerError, new XElement(Soap + "Fault",
            new XElement("faultcode", "soap:Server"),
            new XElement("faultstring", text),
            code is null ? null : new XElement("detail", new XElement(XName.Get("FonctionnelleErreur", Ns),
                new XElement("code", code), new XElement("descriptif", text), new XElement("libelle", text), new XElement("severite", "2")))));

    private static HttpResponseMessage Xml(HttpStatusCode status, XElement body) =>
        new(status)
        {
            Content = new StringContent(
                new XDocument(new XElement(Soap + "Envelope", new XAttribute(XNamespace.Xmlns + "soap", Soap.NamespaceName), new XElement(Soap + "Body", body))).ToString(),
                Encoding.UTF8,
                "text/xml"),
        };

    /// <summary>A request as the fake read it.</summary>
    private sealed record Received(HttpMethod Method, Uri? Uri, string? MediaType, string? Charset, string? SoapAction, XElement Operation, IReadOnlyList<(string, string)> Fields);

    /// <summary>The treasury's endpoint, in the process: reads the envelope as the WSDL says, then answers.</summary>
    private sealed class FakeEndpoint(Func<Received, HttpResponseMessage> answer) : HttpMessageHandler
    {
        public List<Received> Requests { get; } = [];

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var text = await request.Content!.ReadAsStringAsync(cancellationToken);
            var envelope = XDocument.Parse(text).Root!;
            Assert.Equal(Soap + "Envelope", envelope.Name);
            var operation = Assert.Single(envelope.Element(Soap + "Body")!.Elements());
            var argument = Assert.Single(operation.Elements());
            Assert.Equal("arg0", argument.Name.LocalName);
            // The fields of arg0 are unqualified, as in the WSDL's schema.
            Assert.All(argument.Elements(), e => Assert.Equal(XNamespace.None, e.Name.Namespace));
            var received = new Received(
                request.Method,
                request.RequestUri,
                request.Content.Headers.ContentType?.MediaType,
                request.Content.Headers.ContentType?.CharSet,
                request.Headers.TryGetValues("SOAPAction", out var action) ? action.Single() : null,
                operation,
                [.. argument.Elements().Select(e => (e.Name.LocalName, e.Value))]);
            Requests.Add(received);
            return answer(received);
        }
    }
}
