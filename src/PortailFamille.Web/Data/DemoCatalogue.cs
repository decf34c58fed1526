using PortailFamille.Domain.Calendar;
using PortailFamille.Domain.Catalogue;
using PortailFamille.Domain.Common;
using PortailFamille.Domain.Families;
using PortailFamille.Domain.Registrations;
using PortailFamille.Domain.Reservations;
using PortailFamille.Web.Features.Catalogue;
using PortailFamille.Web.Features.Reservations;
using PortailFamille.Web.Infrastructure.Time;

namespace PortailFamille.Web.Data;

/// <summary>
/// The demo commune's offer for the current school year: restaurant scolaire, périscolaire,
/// ALSH mercredi and ALSH vacances, with capacities, tariffs by quotient, school holidays and
/// a few registrations of the demo family.
/// </summary>
internal static class DemoCatalogue
{
    /// <summary>Adds the offer to the context; the caller saves.</summary>
    /// <param name="db">The context.</param>
    /// <param name="demoFamily">The demo family, whose children are registered.</param>
    /// <param name="today">Today in Paris.</param>
    /// <param name="now">Now, in UTC.</param>
    /// <param name="withReservations">Also fill the demo family's calendars (Demo:Reservations, off in the tests).</param>
    public static void AddTo(AppDbContext db, Family demoFamily, DateOnly today, DateTimeOffset now, bool withReservations)
    {
        // A school year runs from September to early July (the 3rd): until then it is the one
        // that began last year; from the summer holidays on, the demo offers the coming one,
        // whose registrations are open, so that a first start in July works too.
        var year = today >= new DateOnly(today.Year, 7, 4) ? today.Year : today.Year - 1;
        var schoolYear = new DateRange(new DateOnly(year, 9, 1), new DateOnly(year + 1, 7, 3));
        var label = $"{year}/{year + 1}";
        var opens = new DateOnly(year, 6, 1);

        var restaurant = Check(Facility.Create("RESTAURANT SCOLAIRE"));
        var periscolaire = Check(Facility.Create("ACCUEIL PÉRISCOLAIRE"));
        var centre = Check(Facility.Create("CENTRE DE LOISIRS"));
        db.Facilities.AddRange(restaurant, periscolaire, centre);
        var restauration = Check(ActivityType.Create(restaurant.Id, "Restauration"));
        var accueil = Check(ActivityType.Create(periscolaire.Id, "Périscolaire"));
        var alsh = Check(ActivityType.Create(centre.Id, "ALSH"));
        db.ActivityTypes.AddRange(restauration, accueil, alsh);

        DayOfWeek[] schoolWeek = [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Thursday, DayOfWeek.Friday];
        var canteen = Check(Activity.Create(restauration.Id, "Restaurant scolaire", schoolWeek, SchoolTimeRule.SchoolDaysOnly,
            [new UnitDefinition("Repas", new TimeOnly(11, 30), new TimeOnly(13, 30), IsMeal: true, Capacity: 120)]));
        Check(canteen.SetAgeLimits(3, 11));
        Check(canteen.SetValidationMode(ValidationMode.Automatic));
        var care = Check(Activity.Create(accueil.Id, "Périscolaire", schoolWeek, SchoolTimeRule.SchoolDaysOnly,
            [
                new UnitDefinition("Matin", new TimeOnly(7, 30), new TimeOnly(8, 30), IsMeal: false, Capacity: 40),
                new UnitDefinition("Accueil du soir", new TimeOnly(16, 30), new TimeOnly(18, 30), IsMeal: false, Capacity: 50),
            ]));
        Check(care.SetAgeLimits(3, 11));
        Check(care.SetValidationMode(ValidationMode.Automatic));
        UnitDefinition[] day =
        [
            new("Matin", new TimeOnly(8, 30), new TimeOnly(12, 0), IsMeal: false, Capacity: 40),
            new("Repas", new TimeOnly(12, 0), new TimeOnly(13, 30), IsMeal: true, Capacity: 40),
            new("Après-midi", new TimeOnly(13, 30), new TimeOnly(17, 30), IsMeal: false, Capacity: 40),
        ];
        var wednesday = Check(Activity.Create(alsh.Id, "ALSH mercredi", [DayOfWeek.Wednesday], SchoolTimeRule.SchoolDaysOnly, day));
        Check(wednesday.SetAgeLimits(3, 12));
        var holidays = Check(Activity.Create(alsh.Id, "ALSH vacances",
            [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday], SchoolTimeRule.HolidaysOnly, day));
        Check(holidays.SetAgeLimits(3, 12));
        foreach (var activity in new[] { canteen, care, wednesday, holidays })
        {
            Check(activity.SetTariffs(activity.Units.SelectMany(u => Grid(u))));
            db.Activities.Add(activity);
        }

        var canteenYear = Check(Period.Create(canteen.Id, $"Restaurant scolaire {label}", schoolYear.Start, schoolYear.End, opens, schoolYear.End));
        var careYear = Check(Period.Create(care.Id, $"Périscolaire {label}", schoolYear.Start, schoolYear.End, opens, schoolYear.End));
        var wednesdayYear = Check(Period.Create(wednesday.Id, $"ALSH mercredi {label}", schoolYear.Start, schoolYear.End, opens, schoolYear.End));
        var holidaysYear = Check(Period.Create(holidays.Id, $"ALSH vacances {label}", schoolYear.Start, new DateOnly(year + 1, 8, 28), opens, new DateOnly(year + 1, 8, 28)));
        db.Periods.AddRange(canteenYear, careYear, wednesdayYear, holidaysYear);

        // Zone A, as the ministry publishes it; an agent imports the official file each year.
        db.SchoolHolidays.AddRange(
            Holiday("Vacances de la Toussaint", Saturday(new DateOnly(year, 10, 17)), 16),
            Holiday("Vacances de Noël", Saturday(new DateOnly(year, 12, 19)), 16),
            Holiday("Vacances d'hiver", Saturday(new DateOnly(year + 1, 2, 6)), 16),
            Holiday("Vacances de printemps", Saturday(new DateOnly(year + 1, 4, 3)), 16),
            Holiday("Vacances d'été", new DateOnly(year + 1, 7, 4), 59));

        var lea = demoFamily.Children.Single(c => c.FirstName == "Léa");
        var hugo = demoFamily.Children.Single(c => c.FirstName == "Hugo");
        var leaCanteen = Register(demoFamily, lea, canteen, canteenYear, schoolWeek.Select(d => (d, canteen.Units[0].Id)), today, now);
        Check(leaCanteen.Validate(now));
        var hugoWednesday = Register(demoFamily, hugo, wednesday, wednesdayYear, wednesday.Units.Select(u => (DayOfWeek.Wednesday, u.Id)), today, now);
        Check(hugoWednesday.Validate(now));
        var leaCare = Register(demoFamily, lea, care, careYear, [(DayOfWeek.Monday, care.Units[1].Id), (DayOfWeek.Thursday, care.Units[1].Id)], today, now);
        db.Registrations.AddRange(leaCanteen, hugoWednesday, leaCare);

        if (withReservations)
        {
            var zoneA = new SchoolHolidays(db.ChangeTracker.Entries<SchoolHolidayEntry>().Select(e => new SchoolHoliday(e.Entity.Label, new DateRange(e.Entity.Start, e.Entity.End))));
            AddReservations(db, canteen, leaCanteen, wednesday, hugoWednesday, zoneA, today, now);
        }
    }

    /// <summary>
    /// A calendar that shows the states a family meets: Léa's canteen booked by the service
    /// from the start of last month to a fortnight ahead (green), Hugo's next free Wednesday
    /// asked for and not yet sent (yellow). The place ledger follows the confirmed days.
    /// </summary>
    private static void AddReservations(
        AppDbContext db, Activity canteen, Registration leaCanteen, Activity wednesday, Registration hugoWednesday, SchoolHolidays holidays, DateOnly today, DateTimeOffset now)
    {
        var calendar = new WorkingDayCalendar(false, []);
        var parisNow = TimeZoneInfo.ConvertTime(now, ParisClock.Zone).DateTime;
        const string Service = "service enfance (démonstration)";
        // From the start of last month, so that the demo's last month is marked and billed.
        var monthStart = new DateOnly(today.Year, today.Month, 1).AddMonths(-1);
        var canteenDays = OpeningDays.Within(
            new DateRange(monthStart > leaCanteen.Start ? monthStart : leaCanteen.Start, today.AddDays(14) < leaCanteen.End ? today.AddDays(14) : leaCanteen.End),
            canteen.Weekdays, canteen.SchoolTimeRule, holidays, calendar);
        foreach (var (date, unitId) in leaCanteen.Pattern.On(canteenDays))
        {
            var cell = Reservation.Start(leaCanteen.Id, leaCanteen.ChildId, leaCanteen.FamilyId, canteen.Id, unitId, date);
            Check(cell.Apply(ReservationAction.BookDirectly, parisNow, now, canteen.Deadline, calendar, Service, Reservation.BackOfficeOrigin));
            db.Reservations.Add(cell);
            db.Set<UnitDayPlaces>().Add(new UnitDayPlaces { ActivityId = canteen.Id, UnitId = unitId, Date = date, Taken = 1 });
        }

        // Inside the registration: in July the next open Wednesday belongs to the next school year.
        var from = today > hugoWednesday.Start ? today : hugoWednesday.Start;
        var to = today.AddDays(60) < hugoWednesday.End ? today.AddDays(60) : hugoWednesday.End;
        var nextWednesday = OpeningDays.Within(new DateRange(from, to), wednesday.Weekdays, wednesday.SchoolTimeRule, holidays, calendar)
            .FirstOrDefault(day => wednesday.Deadline.Allows(parisNow, day, calendar));
        if (nextWednesday != default)
        {
            // The first two units of the day as the activity lists them (Matin, Repas): the
            // pattern keeps its units in id order, which changes from one seeding to the next.
            var asked = wednesday.Units.OrderBy(u => u.DisplayOrder)
                .Where(u => hugoWednesday.Pattern.Contains(DayOfWeek.Wednesday, u.Id))
                .Select(u => u.Id)
                .Take(2);
            foreach (var unitId in asked)
            {
                var cell = Reservation.Start(hugoWednesday.Id, hugoWednesday.ChildId, hugoWednesday.FamilyId, wednesday.Id, unitId, nextWednesday);
                Check(cell.Apply(ReservationAction.Request, parisNow, now, wednesday.Deadline, calendar, DemoSeeder.FamilyAccount.Email, Reservation.PortalOrigin));
                db.Reservations.Add(cell);
            }
        }
    }

    // 0–400, 401–800, above 800, and the out-of-commune price; a meal costs more than an hour of care.
    private static IEnumerable<Tariff> Grid(ActivityUnit unit)
    {
        decimal[] prices = unit.IsMeal ? [1.50m, 3.00m, 4.50m, 6.00m] : [1.00m, 2.00m, 3.00m, 4.00m];
        yield return new Tariff(unit.Id, 0, 400, prices[0], OutOfCommune: false);
        yield return new Tariff(unit.Id, 401, 800, prices[1], OutOfCommune: false);
        yield return new Tariff(unit.Id, 801, null, prices[2], OutOfCommune: false);
        yield return new Tariff(unit.Id, 0, null, prices[3], OutOfCommune: true);
    }

    private static Registration Register(Family family, Child child, Activity activity, Period period, IEnumerable<(DayOfWeek, Guid)> slots, DateOnly today, DateTimeOffset now) =>
        Check(Registration.Request(family.Id, child.Id, child.FirstName, child.BirthDate, activity, period, period.Start, period.End,
            Check(WeeklyPattern.Create(slots, activity)), [], today, now));

    private static DateOnly Saturday(DateOnly around) => around.AddDays(((int)DayOfWeek.Saturday - (int)around.DayOfWeek + 7) % 7);

    private static SchoolHolidayEntry Holiday(string label, DateOnly start, int days) =>
        new() { Id = Guid.NewGuid(), Label = label, Start = start, End = start.AddDays(days - 1) };

    private static T Check<T>(Outcome<T> outcome) =>
        outcome.Succeeded ? outcome.Value : throw new InvalidOperationException("Demo catalogue: " + string.Join(" ", outcome.Refusals.Select(r => r.Message)));
}
