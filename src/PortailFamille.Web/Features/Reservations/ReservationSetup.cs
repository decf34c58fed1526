using Microsoft.EntityFrameworkCore;
using PortailFamille.Domain.Reservations;
using PortailFamille.Web.Data;
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
        services.AddScoped<ReservationMoves>();
        services.AddScoped<FamilyBooking>();
        services.AddScoped<ServiceDecisions>();
        services.AddScoped<NightlyTransfer>();
        services.AddScoped<TransferLock>();
        services.AddScoped<ReservationMails>();

        var cron = configuration[$"{Section}:Cron"];
        if (string.Equals(cron, "off", StringComparison.OrdinalIgnoreCase))
        {
            services.AddSingleton(new TransferSchedule(null));
            return services;
        }

        var expression = string.IsNullOrWhiteSpace(cron) ? DefaultCron : cron;
        if (!CronExpression.TryParse(expression, out _))
        {
            throw new InvalidOperationException($"Transfer:Cron « {expression} » n'est pas une expression cron Quartz valide (par défaut « {DefaultCron} »).");
        }

        services.AddSingleton(new TransferSchedule(expression));
        services.AddHostedService<TransferCatchUp>();
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
/// When the nightly transfer fires: the cron expression of <c>Transfer:Cron</c> in Europe/Paris,
/// or nothing when the schedule is off.
/// </summary>
public sealed class TransferSchedule(string? expression)
{
    // How far back a server looks for the time it missed: a daily schedule fired within it.
    private static readonly TimeSpan LookBack = TimeSpan.FromDays(2);

    private readonly CronExpression? _cron = expression is null ? null : new CronExpression(expression, ParisClock.Zone);

    /// <summary>The night a firing belongs to: its date in Paris (a run at 01:00 on the 5th is the night of the 5th).</summary>
    public static DateOnly NightOf(DateTimeOffset fireTime) => DateOnly.FromDateTime(ParisClock.ToParis(fireTime).DateTime);

    /// <summary>The schedule's last firing at or before <paramref name="now"/>, within two days; null when off.</summary>
    public DateTimeOffset? LastFireAtOrBefore(DateTimeOffset now)
    {
        if (_cron is null)
        {
            return null;
        }

        DateTimeOffset? last = null;
        for (var next = _cron.GetNextValidTimeAfter(now - LookBack); next is { } fire && fire <= now; next = _cron.GetNextValidTimeAfter(fire))
        {
            last = fire;
        }

        return last;
    }
}

/// <summary>
/// The scheduled transfer. Each web server runs its own scheduler; the run records its night,
/// so only the first server to fire does the work (see <see cref="NightlyTransfer.RunAsync"/>).
/// </summary>
[DisallowConcurrentExecution]
public sealed class TransferJob(NightlyTransfer transfer, ParisClock clock) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        await transfer.RunAsync(TransferRun.Scheduler, TransferSchedule.NightOf(context.ScheduledFireTimeUtc ?? clock.UtcNow), cancellationToken);
    }
}

/// <summary>
/// Catches up, when a web server starts, the night whose transfer did not run because every
/// server was stopped at its time (an update, a power cut): the schedule's last firing has no
/// run recorded, so this server runs it now, as the scheduler would have. The night's unique
/// index keeps it single when several servers start at once or the scheduler fires meanwhile.
/// </summary>
public sealed class TransferCatchUp(IServiceScopeFactory scopes, TransferSchedule schedule, ParisClock clock, ILogger<TransferCatchUp> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Let the host finish starting: the catch-up is the server's work, not its start's.
        await Task.Yield();
        if (schedule.LastFireAtOrBefore(clock.UtcNow) is not { } missed)
        {
            return;
        }

        var night = TransferSchedule.NightOf(missed);
        try
        {
            using var scope = scopes.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            if (await db.TransferRuns.AnyAsync(r => r.Night == night, stoppingToken))
            {
                return;
            }

            TransferCatchUpLog.CatchingUp(logger, night, missed);
            await scope.ServiceProvider.GetRequiredService<NightlyTransfer>().RunAsync(TransferRun.Scheduler, night, stoppingToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // The night stays without a run: an agent starts it from Transferts, or the next
            // night's run sends everything waiting.
            TransferCatchUpLog.Failed(logger, exception, night);
        }
    }
}

internal static partial class TransferCatchUpLog
{
    [LoggerMessage(Level = LogLevel.Warning, Message = "The transfer of the night of {Night} did not run at {Missed} (no server was running): it runs now.")]
    public static partial void CatchingUp(ILogger logger, DateOnly night, DateTimeOffset missed);

    [LoggerMessage(Level = LogLevel.Error, Message = "Catching up the transfer of the night of {Night} failed.")]
    public static partial void Failed(ILogger logger, Exception exception, DateOnly night);
}
