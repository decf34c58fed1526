using Microsoft.Extensions.DependencyInjection;
using PortailFamille.Web.Features.Reservations;
using PortailFamille.Web.Infrastructure.Time;
using PortailFamille.Web.Tests.Infrastructure;
using Quartz;

namespace PortailFamille.Web.Tests.Reservations;

/// <summary>The nightly transfer is scheduled by Quartz.NET at 01:00 Europe/Paris by default.</summary>
public sealed class TransferScheduleTests(TransferScheduleTests.ScheduledFactory factory) : IClassFixture<TransferScheduleTests.ScheduledFactory>
{
    /// <summary>The portal with the schedule of its default settings, which the other tests turn off.</summary>
    public sealed class ScheduledFactory : PortalFactory
    {
        protected override IDictionary<string, string?> ExtraSettings => new Dictionary<string, string?> { ["Transfer:Cron"] = null };
    }

    [Fact]
    public async Task The_transfer_fires_every_night_at_one_oclock_Paris_time_whatever_the_season()
    {
        factory.CreateClient().Dispose();
        var scheduler = await factory.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();
        var triggers = await scheduler.GetTriggersOfJob(ReservationSetup.TransferJobKey);
        var trigger = Assert.Single(triggers);

        // Fire times across the change to winter time (Sunday 31/10/2027 at 03:00) stay at
        // 01:00 on the Paris clock: 23:00 UTC in summer time, including that Sunday, then 00:00.
        var from = new DateTimeOffset(2027, 10, 28, 12, 0, 0, TimeSpan.Zero);
        var fires = new List<DateTimeOffset>();
        var cron = Assert.IsType<ICronTrigger>(trigger, exactMatch: false);
        var expression = new CronExpression(cron.CronExpressionString!, cron.TimeZone);
        for (var next = expression.GetNextValidTimeAfter(from); fires.Count < 4 && next is { } at; next = expression.GetNextValidTimeAfter(at))
        {
            fires.Add(at);
        }

        Assert.Equal(ParisClock.Zone.Id, cron.TimeZone.Id);
        Assert.All(fires, at => Assert.Equal(new TimeOnly(1, 0), TimeOnly.FromDateTime(ParisClock.ToParis(at).DateTime)));
        Assert.Equal(
            [new DateOnly(2027, 10, 29), new DateOnly(2027, 10, 30), new DateOnly(2027, 10, 31), new DateOnly(2027, 11, 1)],
            fires.Select(at => DateOnly.FromDateTime(ParisClock.ToParis(at).DateTime)));
        Assert.Equal([23, 23, 23, 0], fires.Select(at => at.UtcDateTime.Hour));
    }
}
