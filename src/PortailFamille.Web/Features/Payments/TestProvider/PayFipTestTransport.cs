using System.Text;
using System.Threading.Channels;
using System.Xml.Linq;

namespace PortailFamille.Web.Features.Payments.TestProvider;

/// <summary>
/// Carries the portal's SOAP calls to the test provider inside the process: the real client
/// (<see cref="PayFipClient"/>) writes and reads real envelopes, with no network in between,
/// so the flow works behind any proxy and in the test host. The same provider also answers on
/// HTTP (<see cref="PaymentEndpoints"/>) for a tool that calls it from outside.
/// </summary>
public sealed class PayFipTestTransport(IServiceScopeFactory scopes) : HttpMessageHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? "" : await request.Content.ReadAsStringAsync(cancellationToken);
        using var scope = scopes.CreateScope();
        var answer = await scope.ServiceProvider.GetRequiredService<PayFipTestProvider>().HandleAsync(body, cancellationToken);
        return new HttpResponseMessage(answer.Status)
        {
            RequestMessage = request,
            Content = new StringContent(answer.Envelope.ToString(SaveOptions.DisableFormatting), Encoding.UTF8, "text/xml"),
        };
    }
}

/// <summary>A notification the test provider is to send: to whom, which idOp, after how long, how many times.</summary>
public sealed record PayFipTestNotification(Uri Url, string IdOp, TimeSpan Delay, int Times);

/// <summary>
/// Sends the test provider's notifications to the portal's <c>urlnotif</c>, as the treasury
/// does: a POST of the idOp alone, after the delay the tester chose, repeated at once as many
/// times as chosen (the repeats race each other, which is the point).
/// </summary>
public sealed class PayFipTestNotifier(IHttpClientFactory clients, ILogger<PayFipTestNotifier> logger) : BackgroundService
{
    /// <summary>The name of the HttpClient the notifications go through.</summary>
    public const string Client = "payfip-test-notifications";

    private readonly Channel<PayFipTestNotification> _queue = Channel.CreateUnbounded<PayFipTestNotification>();

    public void Enqueue(PayFipTestNotification notification) => _queue.Writer.TryWrite(notification);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var notification in _queue.Reader.ReadAllAsync(stoppingToken))
        {
            // Each on its own: a long delay does not hold the next ones back.
            _ = SendAsync(notification, stoppingToken);
        }
    }

    private async Task SendAsync(PayFipTestNotification notification, CancellationToken stoppingToken)
    {
        try
        {
            if (notification.Delay > TimeSpan.Zero)
            {
                await Task.Delay(notification.Delay, stoppingToken);
            }

            var http = clients.CreateClient(Client);
            await Task.WhenAll(Enumerable.Range(0, notification.Times).Select(async _ =>
            {
                using var form = new FormUrlEncodedContent([new("idOp", notification.IdOp)]);
                using var response = await http.PostAsync(notification.Url, form, stoppingToken);
                if (!response.IsSuccessStatusCode)
                {
                    logger.LogWarning("Notification de test PayFiP {IdOp} : {Url} a répondu {Status}.", notification.IdOp, notification.Url, (int)response.StatusCode);
                }
            }));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        catch (HttpRequestException e)
        {
            logger.LogWarning(e, "Notification de test PayFiP {IdOp} : {Url} injoignable.", notification.IdOp, notification.Url);
        }
    }
}
