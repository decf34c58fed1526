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

            // Last month is marked (one justified absence) and billed, when Léa ate at the canteen.
            var today = factory.Clock.Today;
            var lastMonth = new DateOnly(today.Year, today.Month, 1).AddMonths(-1);
            var eaten = reservations.Count(r => r.Date >= lastMonth && r.Date < lastMonth.AddMonths(1) && r.State == ReservationState.Confirmed);
            var invoices = await db.Invoices.AsNoTracking().Include(i => i.Lines).ToListAsync();
            if (eaten >= 2)
            {
                var invoice = Assert.Single(invoices);
                Assert.Equal(lastMonth, invoice.Month);
                Assert.Equal(eaten - 1, invoice.Lines.Sum(l => l.Count));
                Assert.Equal(invoice.Lines.Sum(l => l.Amount), invoice.Total);
            }
            else
            {
                Assert.Empty(invoices);
            }
        }
        finally
        {
            await ((IAsyncLifetime)factory).DisposeAsync();
        }
    }

    /// <summary>
    /// Two first starts on the same day seed the same demo: same children, registrations,
    /// reservations (Hugo's next Wednesday asks for Matin and Repas, the first two units of the
    /// day) and places, whatever ids the rows get.
    /// </summary>
    [Fact]
    public async Task Two_first_starts_on_the_same_day_seed_the_same_demo()
    {
        var now = DateTimeOffset.Parse("2026-12-04T10:00:00Z", System.Globalization.CultureInfo.InvariantCulture);
        var first = await DescribeDemoAsync(now);
        var second = await DescribeDemoAsync(now);

        Assert.Equal(first, second);
        Assert.Contains("réservation Hugo ALSH mercredi Matin 2026-12-09 Requested", first);
        Assert.Contains("réservation Hugo ALSH mercredi Repas 2026-12-09 Requested", first);
        Assert.DoesNotContain(first, line => line.StartsWith("réservation Hugo ALSH mercredi Après-midi", StringComparison.Ordinal));
    }

    /// <summary>The demo seeded on a fresh database at <paramref name="now"/>, in words that leave the ids out, sorted.</summary>
    private static async Task<List<string>> DescribeDemoAsync(DateTimeOffset now)
    {
        await using var factory = new DemoFactory(now);
        await ((IAsyncLifetime)factory).InitializeAsync();
        try
        {
            return await factory.WithDbAsync(async db =>
            {
                var children = await db.Children.AsNoTracking().ToDictionaryAsync(c => c.Id);
                var activities = await db.Activities.AsNoTracking().ToDictionaryAsync(a => a.Id);
                var units = activities.Values.SelectMany(a => a.Units).ToDictionary(u => u.Id, u => u.Name);
                var periods = await db.Periods.AsNoTracking().ToDictionaryAsync(p => p.Id);
                var lines = new List<string>();
                lines.AddRange(children.Values.Select(c => $"enfant {c.FirstName} {c.LastName} {c.BirthDate:yyyy-MM-dd}"));
                lines.AddRange(periods.Values.Select(p => $"période {activities[p.ActivityId].Name} {p.Label} {p.Start:yyyy-MM-dd} {p.End:yyyy-MM-dd}"));
                lines.AddRange((await db.SchoolHolidays.AsNoTracking().ToListAsync()).Select(h => $"vacances {h.Label} {h.Start:yyyy-MM-dd} {h.End:yyyy-MM-dd}"));
                lines.AddRange((await db.Registrations.AsNoTracking().ToListAsync()).Select(r =>
                    $"inscription {children[r.ChildId].FirstName} {activities[r.ActivityId].Name} {periods[r.PeriodId].Label} {r.Status} {r.Start:yyyy-MM-dd} {r.End:yyyy-MM-dd} "
                    + string.Join(",", r.Pattern.Slots.Select(s => $"{s.Day}:{units[s.UnitId]}").Order(StringComparer.Ordinal))));
                lines.AddRange((await db.Reservations.AsNoTracking().ToListAsync()).Select(r =>
                    $"réservation {children[r.ChildId].FirstName} {activities[r.ActivityId].Name} {units[r.UnitId]} {r.Date:yyyy-MM-dd} {r.State}"));
                lines.AddRange((await db.Set<UnitDayPlaces>().AsNoTracking().ToListAsync()).Select(p =>
                    $"places {activities[p.ActivityId].Name} {units[p.UnitId]} {p.Date:yyyy-MM-dd} {p.Taken}"));
                return lines.Order(StringComparer.Ordinal).ToList();
            });
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
