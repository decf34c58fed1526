using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using PortailFamille.Domain.Calendar;
using PortailFamille.Domain.Registrations;
using PortailFamille.Domain.Reservations;
using PortailFamille.Web.Features.Catalogue;
using PortailFamille.Web.Features.Reservations;
using PortailFamille.Web.Tests.Infrastructure;

namespace PortailFamille.Web.Tests.Reservations;

/// <summary>
/// The demo commune's calendars, seeded on whatever day a fresh machine first starts the portal:
/// every demo reservation lies inside its registration on a day its activity runs, and the
/// place ledger counts the booked days.
/// </summary>
public sealed class DemoReservationsTests
{
    [Theory]
    [InlineData("2026-11-28T10:00:00Z")] // a school term
    [InlineData("2026-12-24T10:00:00Z")] // Christmas holidays
    [InlineData("2027-06-28T10:00:00Z")] // the last week of the school year
    [InlineData("2027-07-15T10:00:00Z")] // summer: the year has ended, the next not begun
    [InlineData("2027-08-25T10:00:00Z")] // a new school year is about to start
    public async Task Demo_reservations_lie_inside_their_registration_on_open_days_whatever_the_day_of_the_first_start(string utc)
    {
        await using var factory = new DemoFactory(DateTimeOffset.Parse(utc, System.Globalization.CultureInfo.InvariantCulture));
        await ((IAsyncLifetime)factory).InitializeAsync();
        try
        {
            using var scope = factory.Services.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<PortailFamille.Web.Data.AppDbContext>();
            var commune = scope.ServiceProvider.GetRequiredService<CommuneCalendar>();
            var calendar = await commune.WorkingDaysAsync(CancellationToken.None);
            var holidays = await commune.SchoolHolidaysAsync(CancellationToken.None);
            var reservations = await db.Reservations.AsNoTracking().Include(r => r.History).ToListAsync();
            var registrations = await db.Registrations.AsNoTracking().ToDictionaryAsync(r => r.Id);
            var activities = await db.Activities.AsNoTracking().ToDictionaryAsync(a => a.Id);
            // Whatever the day, the demo family has at least Hugo's next Wednesday asked for: a
            // seed that booked nothing would pass every check below.
            Assert.NotEmpty(reservations);

            foreach (var reservation in reservations)
            {
                var registration = registrations[reservation.RegistrationId];
                var activity = activities[reservation.ActivityId];
                Assert.Equal(RegistrationStatus.Validated, registration.Status);
                Assert.True(
                    OpeningDays.IsOpen(reservation.Date, registration.Dates, activity.Weekdays, activity.SchoolTimeRule, holidays, calendar),
                    $"{activity.Name} le {reservation.Date:dd/MM/yyyy} : jour fermé ou hors inscription");
                Assert.Contains(activity.Units, u => u.Id == reservation.UnitId && u.ActivityId == activity.Id);
                Assert.NotEmpty(reservation.History);
            }

            var held = reservations.Where(r => ReservationStates.HoldsPlace(r.State))
                .GroupBy(r => (r.ActivityId, r.UnitId, r.Date))
                .ToDictionary(g => g.Key, g => g.Count());
            var ledger = await db.Set<UnitDayPlaces>().AsNoTracking().ToListAsync();
            Assert.Equal(held.Count, ledger.Count(p => p.Taken > 0));
            Assert.All(ledger.Where(p => p.Taken > 0), p => Assert.Equal(held[(p.ActivityId, p.UnitId, p.Date)], p.Taken));
        }
        finally
        {
            await ((IAsyncLifetime)factory).DisposeAsync();
        }
    }

    private sealed class DemoFactory(DateTimeOffset now) : PortalFactory
    {
        protected override IDictionary<string, string?> ExtraSettings => new Dictionary<string, string?>
        {
            ["Demo:Reservations"] = "true",
            ["Transfer:Cron"] = "off",
        };

        protected override void ConfigureTestServices(IServiceCollection services) =>
            services.AddSingleton<TimeProvider>(new FakeTimeProvider(now));
    }
}
