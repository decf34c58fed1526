using System.Text;
using System.Xml.Linq;
using PortailFamille.Web.Features.Payments.TestProvider;

namespace PortailFamille.Web.Features.Payments;

/// <summary>
/// The two addresses the treasury knows the portal by (docs/product.md 4.7), and the test
/// provider's SOAP endpoint. Neither of the first two trusts its caller: they take an idOp,
/// ask the treasury, and apply its answer (<see cref="OnlinePayments.SettleByIdOpAsync"/>).
/// They are outside any session and any anti-forgery token, since the treasury's server and a
/// browser coming back from the treasury's site have neither.
/// </summary>
public static class PaymentEndpoints
{
    /// <summary>The <c>urlnotif</c>: the treasury's server posts the idOp here.</summary>
    public const string NotificationPath = "/paiement-en-ligne/notification";

    /// <summary>The <c>urlredirect</c>: the family's browser comes back here with the idOp.</summary>
    public const string ReturnPath = "/paiement-en-ligne/retour";

    /// <summary>The test provider's SOAP endpoint, mapped only when it is on.</summary>
    public const string TestSoapPath = "/payfip-test/tpa/services/securite";

    /// <summary>The test provider's payment page.</summary>
    public const string TestPagePath = "/payfip-test/paiement";

    public static void MapPayments(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapMethods(NotificationPath, ["GET", "POST"], async (HttpContext context, OnlinePayments payments) =>
        {
            var idOp = await IdOpAsync(context.Request);
            if (idOp is null)
            {
                return Results.Text("Paramètre idOp manquant.", "text/plain; charset=utf-8", Encoding.UTF8, StatusCodes.Status400BadRequest);
            }

            var attempt = await payments.SettleByIdOpAsync(idOp, context.RequestAborted);
            return attempt is null
                ? Results.Text("idOp inconnu.", "text/plain; charset=utf-8", Encoding.UTF8, StatusCodes.Status404NotFound)
                : Results.Text("OK", "text/plain; charset=utf-8", Encoding.UTF8);
        }).DisableAntiforgery();

        endpoints.MapMethods(ReturnPath, ["GET", "POST"], async (HttpContext context, OnlinePayments payments) =>
        {
            var attempt = await payments.SettleByIdOpAsync(await IdOpAsync(context.Request), context.RequestAborted);
            // A GET after the treasury's POST: the family's page reloads without resending anything,
            // and the session cookie (SameSite=Lax) comes with a top-level GET.
            return attempt is null
                ? Results.Redirect("/famille/compte/factures")
                : Results.Redirect(OnlinePaymentPage(attempt.Id), permanent: false, preserveMethod: false);
        }).DisableAntiforgery();

        // Read from the configuration, not the options: these are completed with the public
        // address, which in development is the one the server listens on, known once it started.
        if (endpoints.ServiceProvider.GetRequiredService<IConfiguration>().GetValue<bool>($"{PayFipOptions.Section}:{nameof(PayFipOptions.TestProvider)}"))
        {
            endpoints.MapPost(TestSoapPath, async (HttpContext context, PayFipTestProvider provider) =>
            {
                using var reader = new StreamReader(context.Request.Body, Encoding.UTF8);
                var answer = await provider.HandleAsync(await reader.ReadToEndAsync(context.RequestAborted), context.RequestAborted);
                return Results.Text(answer.Envelope.ToString(SaveOptions.DisableFormatting), "text/xml; charset=utf-8", Encoding.UTF8, (int)answer.Status);
            }).DisableAntiforgery();
        }
    }

    /// <summary>The family's page of an attempt.</summary>
    public static string OnlinePaymentPage(Guid attemptId) => $"/famille/compte/paiements-en-ligne/{attemptId:D}";

    /// <summary>The idOp from the query or the posted form, whatever its case ("idOp", "idop").</summary>
    private static async Task<string?> IdOpAsync(HttpRequest request)
    {
        string? value = null;
        if (request.HasFormContentType)
        {
            try
            {
                var form = await request.ReadFormAsync(request.HttpContext.RequestAborted);
                value = form.FirstOrDefault(f => string.Equals(f.Key, "idOp", StringComparison.OrdinalIgnoreCase)).Value.FirstOrDefault();
            }
            catch (InvalidDataException)
            {
                // A body that is not a form: no idOp.
            }
        }

        value ??= request.Query.FirstOrDefault(q => string.Equals(q.Key, "idOp", StringComparison.OrdinalIgnoreCase)).Value.FirstOrDefault();
        return string.IsNullOrWhiteSpace(value) ? null : value.Trim();
    }
}
