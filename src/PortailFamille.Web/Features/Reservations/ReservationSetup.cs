using PortailFamille.Domain.Reservations;
using PortailFamille.Web.Infrastructure.Time;
using Quartz;

namespace PortailFamille.Web.Features.Reservations;

/// <summary>
/// The reservation services and the nightly transfer's schedule: Quartz.NET fires it at the
/// configured time of Europe/Paris (default 01:00, <c>Transfer:Cron</c>), whatever the
/// server's own time zone and across the daylight-saving changes.
/// </summary>
public static class ReservationSetup
{
    public const string Section = "Transfer";
    public const string DefaultCron = "0 0 1 * * ?";
    public static readonly JobKey TransferJobKey = new("transfert-de-nuit");

    public static IServiceCollection AddReservations(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddScoped<PlaceLedger>();
        services.AddScoped<FamilyBooking>();
        services.AddScoped<ServiceDecisions>();
        services.AddScoped<NightlyTransfer>();
        services.AddScoped<TransferLock>();
        services.AddScoped<ReservationMails>();

        var cron = configuration[$"{Section}:Cron"];
        if (string.Equals(cron, "off", StringComparison.OrdinalIgnoreCase))
        {
            return services;
        }

        var expression = string.IsNullOrWhiteSpace(cron) ? DefaultCron : cron;
        if (!CronExpression.TryParse(expression, out _))
        {
            throw new InvalidOperationException($"Transfer:Cron « {expression} » n'est pas une expression cron Quartz valide (par défaut « {DefaultCron} »).");
        }

        services.AddQuartz(quartz =>
        {
            quartz.ScheduleJob<TransferJob>(
                trigger => trigger
                    .WithIdentity("transfert-de-nuit-horaire")
                    .WithCronSchedule(expression, cronBuilder => cronBuilder.InTimeZone(ParisClock.Zone)),
                job => job.WithIdentity(TransferJobKey));
        });
        return services;
    }
}

/// <summary>
/// The scheduled transfer. Each web server runs its own scheduler; the run records its night,
/// so only the first server to fire does the work (see <see cref="NightlyTransfer.RunAsync"/>).
/// </summary>
[DisallowConcurrentExecution]
public sealed class TransferJob(NightlyTransfer transfer, ParisClock clock) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default) =>
        await transfer.RunAsync(TransferRun.Scheduler, clock.Today, cancellationToken);
}
