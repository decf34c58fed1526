using Microsoft.EntityFrameworkCore;
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
/// With Demo:BillingPayments (for bench/tax-certificates.sh), each family also gets an invoice
/// of June last year paid in July, so that the year's tax certificates have payments to
/// certify; Demo:BillingDays=false then skips the month of days, which the certificates do
/// not read and which takes most of the seeding.
/// </summary>
public sealed class DemoBillingSeeder(AppDbContext db, CommuneCalendar commune, ParisClock clock, IConfiguration configuration, ILogger<DemoBillingSeeder> logger)
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
        var paying = new List<(Guid FamilyId, string Name, Guid Emma, Guid Louis)>();
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
                paying.Add((family.Id, family.DisplayName, family.Children[0].Id, family.Children[1].Id));
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

        if (configuration.GetValue("Demo:BillingPayments", false))
        {
            await SeedPaymentsAsync(paying, activities, now, cancellationToken);
        }

        if (!configuration.GetValue("Demo:BillingDays", true))
        {
            await AnalyzeAsync(cancellationToken);
            logger.LogWarning("Facturation de démonstration : {Families} familles, sans jours réservés.", count);
            return;
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

        await AnalyzeAsync(cancellationToken);
        logger.LogWarning("Facturation de démonstration : {Families} familles, {Days} jours réservés et pointés en {Month}.", count, days, FrenchDates(lastMonth));
    }

    private async Task AnalyzeAsync(CancellationToken cancellationToken)
    {
        if (!db.Database.IsSqlite())
        {
            // A month loaded at once: PostgreSQL would plan the invoicing with the statistics of
            // empty tables until its autovacuum passes, as after any bulk load.
            await db.Database.ExecuteSqlRawAsync("ANALYZE", cancellationToken);
        }
    }

    /// <summary>
    /// Each family's invoice of June last year, paid in full on 10 July: the périscolaire of both
    /// children (under six on 1 January, so certified) and Emma's meals; one family in ten has
    /// only the meals, so it has nothing to certify. Written by bulk inserts, numbered after the
    /// series' last numbers so that the portal's own numbers go on without a gap.
    /// </summary>
    private async Task SeedPaymentsAsync(List<(Guid FamilyId, string Name, Guid Emma, Guid Louis)> families, List<Activity> activities, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var year = clock.Today.Year - 1;
        var june = new DateOnly(year, 6, 1);
        var paidOn = new DateOnly(year, 7, 10);
        var canteen = activities.Single(a => a.Name == "Restaurant scolaire");
        var meal = canteen.Units.First(u => u.IsMeal);
        var care = activities.Single(a => a.Name == "Périscolaire");
        var careUnit = care.Units.First(u => !u.IsMeal);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var firstInvoice = await BillingLocks.TakeNumbersAsync(db, Domain.Billing.DocumentNumber.InvoiceSeries, year, families.Count, cancellationToken);
        var firstReceipt = await BillingLocks.TakeNumbersAsync(db, Domain.Billing.DocumentNumber.ReceiptSeries, year, families.Count, cancellationToken);
        var invoices = new List<Invoice>(families.Count);
        var payments = new List<Payment>(families.Count);
        var allocations = new List<PaymentAllocationRecord>(families.Count);
        for (var i = 0; i < families.Count; i++)
        {
            var (familyId, name, emma, louis) = families[i];
            var invoice = new Invoice
            {
                Id = Guid.NewGuid(),
                Number = Domain.Billing.DocumentNumber.Format(Domain.Billing.DocumentNumber.InvoiceSeries, year, firstInvoice + i),
                Year = year,
                Sequence = firstInvoice + i,
                FamilyId = familyId,
                FamilyName = name,
                FamilyAddress = "1 rue des Écoles\n38860 Beaulieu-les-Sagnes",
                Month = june,
                IssuedOn = new DateOnly(year, 7, 1),
                DueOn = new DateOnly(year, 7, 31),
                IssuedAt = now,
                IssuedBy = "démonstration",
            };
            void Line(Guid child, string childName, Activity activity, ActivityUnit unit, int days, decimal price) => invoice.Lines.Add(new InvoiceLine
            {
                Id = Guid.NewGuid(),
                InvoiceId = invoice.Id,
                Order = invoice.Lines.Count + 1,
                ChildId = child,
                ChildName = childName,
                ActivityId = activity.Id,
                ActivityName = activity.Name,
                UnitId = unit.Id,
                UnitName = unit.Name,
                Kind = Domain.Billing.BillingKind.Reserved,
                Count = days,
                UnitPrice = price,
                Amount = Domain.Billing.Money.Line(days, price),
            });
            Line(emma, "Emma", canteen, meal, 10, 3.00m);
            if (i % 10 != 0)
            {
                Line(emma, "Emma", care, careUnit, 10, 2.00m);
                Line(louis, "Louis", care, careUnit, 8, 2.00m);
            }

            invoice.Total = invoice.Lines.Sum(l => l.Amount);
            invoice.Paid = invoice.Total;
            invoices.Add(invoice);
            var payment = new Payment
            {
                Id = Guid.NewGuid(),
                Number = Domain.Billing.DocumentNumber.Format(Domain.Billing.DocumentNumber.ReceiptSeries, year, firstReceipt + i),
                Year = year,
                Sequence = firstReceipt + i,
                FamilyId = familyId,
                Method = Domain.Billing.PaymentMethod.Cheque,
                Amount = invoice.Total,
                ReceivedOn = paidOn,
                Payer = name,
                ChequeNumber = (1_000_000 + i).ToString(System.Globalization.CultureInfo.InvariantCulture),
                Bank = "Banque de démonstration",
                RecordedAt = now,
                RecordedBy = "démonstration",
            };
            payments.Add(payment);
            allocations.Add(new PaymentAllocationRecord { PaymentId = payment.Id, InvoiceId = invoice.Id, Amount = invoice.Total });
        }

        await BulkInsert.InsertAsync(db, invoices, cancellationToken);
        await BulkInsert.InsertAsync(db, [.. invoices.SelectMany(i => i.Lines)], cancellationToken);
        await BulkInsert.InsertAsync(db, payments, cancellationToken);
        await BulkInsert.InsertAsync(db, allocations, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        logger.LogWarning("Règlements de démonstration : {Families} factures de juin {Year} payées le {PaidOn}.", families.Count, year, ParisClock.FormatDate(paidOn));
    }

    // Names are letters only: the family's number written with a to z.
    /// <summary>A number written in letters (0 a, 25 z, 26 ba…): names hold letters only.</summary>
    internal static string Letters(int number)
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
        var sql = SeedLiterals.For(db);
        var postgres = sql.Postgres;
        var (newId, unitText, activityText, dateSql, nowSql) = (sql.NewId, sql.Id(unitId), sql.Id(activity.Id), sql.Date(date), sql.Instant(now));
        var added = await SeedLiterals.AddDayAsync(db, activity.Id, unitId, date, ReservationState.Confirmed, now, "facturation", cancellationToken);
        // Identifiers are the portal's own: they come from the catalogue, never from input.
#pragma warning disable EF1002
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
