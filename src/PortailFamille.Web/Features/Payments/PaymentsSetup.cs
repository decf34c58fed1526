using Microsoft.Extensions.Options;
using PortailFamille.Web.Features.Accounts;
using PortailFamille.Web.Features.Payments.TestProvider;
using PortailFamille.Web.Infrastructure.Scheduling;
using PortailFamille.Web.Infrastructure.Telemetry;
using Quartz;

namespace PortailFamille.Web.Features.Payments;

/// <summary>
/// Online payment: the PayFiP client (the treasury's, or the built-in test provider's), the
/// service, and the job that asks again about the attempts still pending.
/// </summary>
public static class PaymentsSetup
{
    public static readonly JobKey JobKey = new("paiements-en-ligne");

    public static IServiceCollection AddOnlinePayments(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        var section = configuration.GetSection(PayFipOptions.Section);
        var settings = section.Get<PayFipOptions>() ?? new PayFipOptions();
        if (settings.TestProvider && environment.IsProduction())
        {
            throw new InvalidOperationException(
                "PayFip:TestProvider est interdit en production : le fournisseur de test encaisserait des paiements fictifs. " +
                "Retirez ce réglage et renseignez PayFip:NumCli (numéro client PayFiP de la commune) et PayFip:Saisie (W).");
        }

        var options = services.AddOptions<PayFipOptions>().Bind(section);
        services.AddScoped<OnlinePayments>();
        if (settings.TestProvider)
        {
            // The test provider takes the treasury's place: its page on the portal's public
            // address, its SOAP endpoint reached inside the process, a numcli of its own.
            options.PostConfigure<PublicAddress>((o, address) =>
            {
                o.PaymentPage = new Uri(address.Absolute(PaymentEndpoints.TestPagePath));
                o.Endpoint = new Uri(address.Absolute(PaymentEndpoints.TestSoapPath));
                if (string.IsNullOrWhiteSpace(o.NumCli))
                {
                    o.NumCli = "000000";
                }

                o.Saisie = "T";
            });
            services.AddScoped<PayFipTestProvider>();
            services.AddSingleton<PayFipTestNotifier>();
            services.AddHostedService(s => s.GetRequiredService<PayFipTestNotifier>());
            services.AddHttpClient(PayFipTestNotifier.Client);
            services.AddHttpClient<IPayFip, PayFipClient>().ConfigurePrimaryHttpMessageHandler(s => new PayFipTestTransport(s.GetRequiredService<IServiceScopeFactory>()));
        }
        else
        {
            if (!string.IsNullOrWhiteSpace(settings.NumCli) && !Domain.Billing.PayFip.TryParseSaisie(settings.Saisie, out _))
            {
                throw new InvalidOperationException($"PayFip:Saisie « {settings.Saisie} » : T (test), X (activation) ou W (production) attendu.");
            }

            services.AddHttpClient<IPayFip, PayFipClient>(http => http.Timeout = TimeSpan.FromSeconds(30));
        }

        services.AddQuartz(quartz =>
        {
            quartz.AddJob<OnlinePaymentJob>(job => job.WithIdentity(JobKey).StoreDurably());
            quartz.AddTrigger(trigger => trigger
                .ForJob(JobKey)
                .WithIdentity("paiements-en-ligne-verification")
                .StartAt(DateTimeOffset.UtcNow.AddMinutes(1))
                .WithSimpleSchedule(schedule => schedule.WithInterval(TimeSpan.FromMinutes(1)).RepeatForever()));
        });
        return services;
    }
}

/// <summary>
/// Every minute, the attempts still pending are asked about again: a notification lost, a
/// family that closed its browser on the treasury's page, a treasury that answered late. Every
/// web server schedules it; the job's lease lets one of them do each minute's round (the others
/// skip theirs), and the conditional updates would still settle an attempt once.
/// </summary>
[DisallowConcurrentExecution]
public sealed class OnlinePaymentJob(OnlinePayments payments, JobLease lease, PortalMetrics metrics, IOptions<PayFipOptions> options) : IJob
{
    // A little less than the interval: the server that did a round is free to do the next one.
    private static readonly TimeSpan Round = TimeSpan.FromSeconds(50);

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        if (options.Value.IsOffered && await lease.TryTakeAsync(PaymentsSetup.JobKey.Name, Round, cancellationToken))
        {
            await payments.CheckPendingAsync(cancellationToken);
            metrics.PaymentsPending(await payments.CountPendingAsync(cancellationToken));
        }
    }
}
