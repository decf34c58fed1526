using Microsoft.EntityFrameworkCore;
using PortailFamille.Domain.Calendar;
using PortailFamille.Domain.Catalogue;
using PortailFamille.Domain.Families;
using PortailFamille.Domain.Registrations;
using PortailFamille.Domain.Reservations;
using PortailFamille.Web.Features.Catalogue;
using PortailFamille.Web.Infrastructure.Time;

namespace PortailFamille.Web.Data;

/// <summary>
/// A city's night to transfer (Demo:NightFamilies, for bench/night.sh): families of two
/// children, each registered to the canteen and the périscolaire (both decided automatically),
/// with a request not yet sent for the meal and the evening care of every open day of next
/// month — about 64 requests a family, 1,280,000 for 20,000 families. The units' capacities are
/// set so that the night both confirms and waitlists: the meal takes nine children in ten, the
/// evening care half of them, within the most a unit can hold (10,000: a city's 40,000 children
/// then leave most of them on the waiting lists, which costs the night as much as confirming). Families, children and registrations go through the domain; the
/// requests are written by one set-based statement per unit and day.
/// </summary>
public sealed class DemoNightSeeder(AppDbContext db, CommuneCalendar commune, ParisClock clock, ILogger<DemoNightSeeder> logger)
{
    public const string Meal = "Restaurant scolaire";
    public const string Care = "Périscolaire";
    public const string EveningUnit = "Accueil du soir";
    private const int Batch = 500;

    public async Task SeedAsync(int count, CancellationToken cancellationToken)
    {
        var today = clock.Today;
        var now = clock.UtcNow;
        var nextMonth = new DateOnly(today.Year, today.Month, 1).AddMonths(1);
        var month = new DateRange(nextMonth, nextMonth.AddMonths(1).AddDays(-1));
        var activities = await db.Activities.Where(a => a.Name == Meal || a.Name == Care).ToListAsync(cancellationToken);
        var meal = activities.Single(a => a.Name == Meal);
        var care = activities.Single(a => a.Name == Care);
        var children = count * 2;
        Check(meal.SetUnitCapacity(meal.Units[0].Id, Math.Min(children * 9 / 10, ActivityUnit.MaxCapacity)));
        var evening = care.Units.Single(u => u.Name == EveningUnit);
        Check(care.SetUnitCapacity(evening.Id, Math.Min(children / 2, ActivityUnit.MaxCapacity)));
        await db.SaveChangesAsync(cancellationToken);
        db.ChangeTracker.Clear();

        var periods = await db.Periods.AsNoTracking().ToListAsync(cancellationToken);
        for (var done = 0; done < count; done += Batch)
        {
            db.ChangeTracker.AutoDetectChangesEnabled = false;
            for (var i = done; i < Math.Min(count, done + Batch); i++)
            {
                var family = Family.CreateKnown("Parent", "Nuit" + DemoBillingSeeder.Letters(i), $"nuit{i:D6}@demo.example", now).Value;
                family.AddChild("Emma", family.Responsible.LastName, today.AddYears(-7), Sex.Female, today);
                family.AddChild("Louis", family.Responsible.LastName, today.AddYears(-5), Sex.Male, today);
                db.Families.Add(family);
                foreach (var child in family.Children)
                {
                    foreach (var activity in activities)
                    {
                        var period = periods.First(p => p.ActivityId == activity.Id && p.Start <= month.Start && month.End <= p.End);
                        var registration = Registration.Request(family.Id, child.Id, child.FirstName, child.BirthDate, activity, period, period.Start, period.End, WeeklyPattern.Empty, [], today, now).Value;
                        registration.Validate(now);
                        db.Registrations.Add(registration);
                    }
                }
            }

            db.ChangeTracker.DetectChanges();
            await db.SaveChangesAsync(cancellationToken);
            db.ChangeTracker.Clear();
        }

        var holidays = await commune.SchoolHolidaysAsync(cancellationToken);
        var calendar = await commune.WorkingDaysAsync(cancellationToken);
        var requests = 0;
        foreach (var (activity, unitId) in new[] { (meal, meal.Units[0].Id), (care, evening.Id) })
        {
            foreach (var date in activity.OpenDates(month, holidays, calendar))
            {
                requests += await AddDayAsync(activity.Id, unitId, date, now, cancellationToken);
            }
        }

        if (!db.Database.IsSqlite())
        {
            // A night loaded at once: without statistics PostgreSQL would plan the transfer as
            // for empty tables until its autovacuum passes.
            await db.Database.ExecuteSqlRawAsync("ANALYZE", cancellationToken);
        }

        logger.LogWarning("Nuit de démonstration : {Families} familles, {Requests} demandes à transmettre pour {Month}.", count, requests, Domain.Common.FrenchDates.MonthAndYear(nextMonth));
    }

    private static void Check<T>(Domain.Common.Outcome<T> outcome)
    {
        if (!outcome.Succeeded)
        {
            throw new InvalidOperationException(outcome.Refusals[0].Message);
        }
    }

    // One unit's day asked by every bench child registered to the activity, in the state the
    // family's click leaves ("Demande de réservation", not yet sent).
    private Task<int> AddDayAsync(Guid activityId, Guid unitId, DateOnly date, DateTimeOffset now, CancellationToken cancellationToken) =>
        SeedLiterals.AddDayAsync(db, activityId, unitId, date, ReservationState.Requested, now, "nuit", cancellationToken);
}
