using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using PortailFamille.Domain.Calendar;
using PortailFamille.Domain.Catalogue;
using PortailFamille.Domain.Families;
using PortailFamille.Domain.Registrations;
using PortailFamille.Domain.Reservations;
using PortailFamille.Web.Features.Billing;
using PortailFamille.Web.Features.Catalogue;
using PortailFamille.Web.Infrastructure.Time;

namespace PortailFamille.Web.Data;

/// <summary>
/// A city's month to invoice (Demo:BillingFamilies, for bench/invoicing.sh): families of two
/// children, each registered to the canteen, the périscolaire and the Wednesday ALSH, with
/// every open day of last month confirmed and marked: mostly present, some absences with and
/// without a reason. Families,
/// children and registrations go through the domain; the days, a few million rows, are written
/// by one set-based statement per unit and day.
/// </summary>
public sealed class DemoBillingSeeder(AppDbContext db, CommuneCalendar commune, ParisClock clock, ILogger<DemoBillingSeeder> logger)
{
    private const int Batch = 500;

    public async Task SeedAsync(int count, CancellationToken cancellationToken)
    {
        var today = clock.Today;
        var now = clock.UtcNow;
        var lastMonth = new DateOnly(today.Year, today.Month, 1).AddMonths(-1);
        var month = new DateRange(lastMonth, lastMonth.AddMonths(1).AddDays(-1));
        var activities = await db.Activities.AsNoTracking()
            .Where(a => a.Name == "Restaurant scolaire" || a.Name == "Périscolaire" || a.Name == "ALSH mercredi")
            .ToListAsync(cancellationToken);
        var periods = await db.Periods.AsNoTracking().ToListAsync(cancellationToken);
        var random = new Random(2026);
        var towns = new[] { "Beaulieu-les-Sagnes", "Beaulieu-les-Sagnes", "Beaulieu-les-Sagnes", "Sagnac" };
        var familyIds = new List<Guid>();
        for (var done = 0; done < count; done += Batch)
        {
            db.ChangeTracker.AutoDetectChangesEnabled = false;
            for (var i = done; i < Math.Min(count, done + Batch); i++)
            {
                var family = Family.CreateKnown("Parent", "Facturation" + Letters(i), $"facturation{i:D6}@demo.example", now).Value;
                family.UpdateContactDetails(ContactDetails.Create(new ContactDetailsInput(
                    $"{1 + (i % 90)} rue des Écoles", "38860", towns[i % towns.Length], "04 76 11 22 33", null, null, null, null, null, BenefitScheme.General, null)).Value);
                if (i % 10 != 0)
                {
                    family.SetResources(null, null, random.Next(150, 1600), lastMonth.AddMonths(-2));
                    db.QuotientHistory.Add(new QuotientHistoryEntry { FamilyId = family.Id, ValidFrom = family.Resources!.UpdatedOn, Quotient = family.Resources.Quotient, RecordedAt = now });
                }

                family.AddChild("Emma", family.Responsible.LastName, today.AddYears(-7), Sex.Female, today);
                family.AddChild("Louis", family.Responsible.LastName, today.AddYears(-5), Sex.Male, today);
                db.Families.Add(family);
                familyIds.Add(family.Id);
                foreach (var child in family.Children)
                {
                    foreach (var activity in activities)
                    {
                        var period = periods.First(p => p.ActivityId == activity.Id && p.Start <= month.Start && month.End <= p.End);
                        var pattern = WeeklyPattern.Create(activity.Weekdays.SelectMany(d => activity.Units.Select(u => (d, u.Id))), activity).Value;
                        var registration = Registration.Request(family.Id, child.Id, child.FirstName, child.BirthDate, activity, period, period.Start, period.End, pattern, [], today, now).Value;
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
        var days = 0;
        foreach (var activity in activities)
        {
            foreach (var date in activity.OpenDates(month, holidays, calendar))
            {
                foreach (var unit in activity.Units)
                {
                    days += await AddDayAsync(activity, unit.Id, date, now, cancellationToken);
                }
            }
        }

        if (!db.Database.IsSqlite())
        {
            // A month loaded at once: PostgreSQL would plan the invoicing with the statistics of
            // empty tables until its autovacuum passes, as after any bulk load.
            await db.Database.ExecuteSqlRawAsync("ANALYZE", cancellationToken);
        }

        logger.LogWarning("Facturation de démonstration : {Families} familles, {Days} jours réservés et pointés en {Month}.", count, days, FrenchDates(lastMonth));
    }

    // Names are letters only: the family's number written with a to z.
    private static string Letters(int number)
    {
        var letters = new System.Text.StringBuilder();
        do
        {
            letters.Insert(0, (char)('a' + (number % 26)));
            number /= 26;
        }
        while (number > 0);
        return letters.ToString();
    }

    private static string FrenchDates(DateOnly month) => Domain.Common.FrenchDates.MonthAndYear(month);

    // One unit's day for every bench family registered to it: the reservation, then its mark
    // (about 1 in 25 absent with a reason, 1 in 40 without, the others present).
    private async Task<int> AddDayAsync(Activity activity, Guid unitId, DateOnly date, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var postgres = db.Database.IsNpgsql();
        var newId = postgres
            ? "gen_random_uuid()"
            : "upper(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-' || hex(randomblob(2)) || '-' || hex(randomblob(2)) || '-' || hex(randomblob(6)))";
        var dateText = date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var unitText = postgres ? $"'{unitId}'::uuid" : $"'{unitId.ToString().ToUpperInvariant()}'";
        var activityText = postgres ? $"'{activity.Id}'::uuid" : $"'{activity.Id.ToString().ToUpperInvariant()}'";
        var dateSql = postgres ? $"DATE '{dateText}'" : $"'{dateText}'";
        // SQLite keeps instants as the number its context's converter makes of them.
        var nowSql = postgres
            ? $"TIMESTAMPTZ '{now.UtcDateTime:yyyy-MM-dd HH:mm:ss}+00'"
            : Convert.ToString(new DateTimeOffsetToBinaryConverter().ConvertToProvider(now), System.Globalization.CultureInfo.InvariantCulture);
        var confirmed = (int)ReservationState.Confirmed;
        var validated = (int)RegistrationStatus.Validated;
        // Identifiers are the portal's own: they come from the catalogue, never from input.
#pragma warning disable EF1002
        var added = await db.Database.ExecuteSqlRawAsync(
            $"""
            INSERT INTO "Reservations" ("Id", "RegistrationId", "ChildId", "FamilyId", "ActivityId", "UnitId", "Date", "State", "RequestedAt")
            SELECT {newId}, r."Id", r."ChildId", r."FamilyId", r."ActivityId", {unitText}, {dateSql}, {confirmed}, {nowSql}
            FROM "Registrations" r JOIN "Guardians" g ON g."FamilyId" = r."FamilyId" AND g."Rank" = 1
            WHERE r."ActivityId" = {activityText} AND r."Status" = {validated} AND g."Email" LIKE 'facturation%'
            """,
            cancellationToken);
        await db.Database.ExecuteSqlRawAsync(
            $"""
            INSERT INTO "Attendance" ("Id", "ActivityId", "UnitId", "Date", "ChildId", "FamilyId", "Mark", "Reason", "MarkedBy", "MarkedAt")
            SELECT {newId}, x."ActivityId", x."UnitId", x."Date", x."ChildId", x."FamilyId",
                   CASE WHEN x.k % 25 = 0 THEN 1 WHEN x.k % 40 = 1 THEN 2 ELSE 0 END,
                   CASE WHEN x.k % 25 = 0 THEN 'Certificat médical' ELSE NULL END, 'démonstration', {nowSql}
            FROM (SELECT v."ActivityId", v."UnitId", v."Date", v."ChildId", v."FamilyId", abs(random() * 1000)::integer AS k FROM "Reservations" v
                  WHERE v."ActivityId" = {activityText} AND v."UnitId" = {unitText} AND v."Date" = {dateSql}) x
            """.Replace("::integer", postgres ? "::integer" : "", StringComparison.Ordinal).Replace("abs(random() * 1000)", postgres ? "abs(random() * 1000)" : "abs(random() % 1000)", StringComparison.Ordinal),
            cancellationToken);
#pragma warning restore EF1002
        return added;
    }
}
