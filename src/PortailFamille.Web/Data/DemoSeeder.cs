using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using PortailFamille.Domain.Billing;
using PortailFamille.Domain.Families;
using PortailFamille.Domain.Reservations;
using PortailFamille.Web.Features.Accounts;
using PortailFamille.Web.Features.Billing;
using PortailFamille.Web.Features.Gestion.Invoicing;
using PortailFamille.Web.Features.Reservations;
using PortailFamille.Web.Infrastructure.Time;

namespace PortailFamille.Web.Data;

/// <summary>A demo account, printed in the console at start-up.</summary>
public sealed record DemoAccount(string Label, string Email, string Password);

/// <summary>
/// Creates the roles on every start, and fills a new database with a demo commune when
/// Demo:Seed is true (never in Production).
/// </summary>
public sealed class DemoSeeder(
    AppDbContext db,
    UserManager<AppUser> users,
    RoleManager<IdentityRole<Guid>> roles,
    ParisClock clock,
    TransferSchedule transferSchedule,
    MonthlyInvoicing invoicing,
    IConfiguration configuration,
    ILogger<DemoSeeder> logger)
{
    public static readonly DemoAccount FamilyAccount = new("Famille", "famille@portail.example", "Demo-Famille-2026!");
    public static readonly DemoAccount AgentAccount = new("Agent", "agent@portail.example", "Demo-Agent-2026!");
    public static readonly DemoAccount AdministratorAccount = new("Administrateur", "admin@portail.example", "Demo-Admin-2026!");

    public static readonly IReadOnlyList<DemoAccount> Accounts = [FamilyAccount, AgentAccount, AdministratorAccount];

    public async Task EnsureRolesAsync()
    {
        foreach (var role in Roles.All)
        {
            if (!await roles.RoleExistsAsync(role))
            {
                await roles.CreateAsync(new IdentityRole<Guid>(role) { Id = Guid.NewGuid() });
            }
        }
    }

    /// <summary>Seeds the demo commune when the database has no account yet; returns whether it did.</summary>
    public async Task<bool> SeedIfNewAsync(CancellationToken cancellationToken)
    {
        if (await db.Users.AnyAsync(cancellationToken))
        {
            return false;
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await CreateStaffAsync(AdministratorAccount, "Claire", "Lambert", Roles.Administrator);
        await CreateStaffAsync(AgentAccount, "Karim", "Benali", Roles.Agent);

        var today = clock.Today;
        var family = Family.CreateKnown("Sophie", "Martin", FamilyAccount.Email, clock.UtcNow).Value;
        family.UpdateContactDetails(ContactDetails.Create(new ContactDetailsInput(
            "12 chemin des Écoles", "38860", "Beaulieu-les-Sagnes", "04 76 11 22 33", "06 12 34 56 78", null,
            null, null, "Martin Sophie", BenefitScheme.General, "1234567")).Value);
        family.SetResources(1083.33m, 2m, null, today.AddMonths(-2));
        // Ages stay 8 and 4 whatever the day the demo starts.
        family.AddChild("Léa", "Martin", today.AddYears(-8).AddMonths(-3), Sex.Female, today);
        family.AddChild("Hugo", "Martin", today.AddYears(-4).AddMonths(-7), Sex.Male, today);
        db.Families.Add(family);
        await QuotientHistory.RecordAsync(db, family.Id, family.Resources!, clock.UtcNow, cancellationToken);
        DemoCatalogue.AddTo(db, family, today, clock.UtcNow, configuration.GetValue("Demo:Reservations", true));
        // The demo commune's portal was running at the transfer's last time: its first start
        // does not catch up a night (which would send Hugo's request shown as waiting).
        if (transferSchedule.LastFireAtOrBefore(clock.UtcNow) is { } lastNight)
        {
            var run = TransferRun.Start(lastNight, TransferRun.Scheduler, TransferSchedule.NightOf(lastNight));
            run.Finish(lastNight.AddSeconds(1), 0);
            db.TransferRuns.Add(run);
        }

        await db.SaveChangesAsync(cancellationToken);

        var user = NewUser(FamilyAccount.Email, "Sophie", "Martin");
        user.FamilyId = family.Id;
        await CheckAsync(users.CreateAsync(user, FamilyAccount.Password));
        await CheckAsync(users.AddToRoleAsync(user, Roles.Family));

        await transaction.CommitAsync(cancellationToken);
        await BillLastMonthAsync(family.Id, cancellationToken);
        logger.LogInformation("Commune de démonstration créée.");
        return true;
    }

    /// <summary>
    /// Last month's canteen marked (present, one justified absence) and invoiced, so that Mon
    /// compte and the back office's invoices are filled on first start.
    /// </summary>
    private async Task BillLastMonthAsync(Guid familyId, CancellationToken cancellationToken)
    {
        var today = clock.Today;
        var lastMonth = new DateOnly(today.Year, today.Month, 1).AddMonths(-1);
        var days = await db.Reservations.AsNoTracking()
            .Where(r => r.FamilyId == familyId && r.Date >= lastMonth && r.Date < lastMonth.AddMonths(1) && r.State == ReservationState.Confirmed)
            .OrderBy(r => r.Date)
            .ToListAsync(cancellationToken);
        if (days.Count == 0)
        {
            return;
        }

        const string Service = "service enfance (démonstration)";
        db.Attendance.AddRange(days.Select((r, i) => new AttendanceEntry
        {
            Id = Guid.NewGuid(),
            ActivityId = r.ActivityId,
            UnitId = r.UnitId,
            Date = r.Date,
            ChildId = r.ChildId,
            FamilyId = r.FamilyId,
            Mark = i == 1 ? AttendanceMark.AbsentJustified : AttendanceMark.Present,
            Reason = i == 1 ? "Rendez-vous médical" : null,
            MarkedBy = Service,
            MarkedAt = clock.UtcNow,
        }));
        var run = new InvoicingRun
        {
            Id = Guid.NewGuid(),
            Month = lastMonth,
            Status = InvoicingRunStatus.Running,
            FamiliesTotal = 1,
            StartedBy = Service,
            CreatedAt = clock.UtcNow,
        };
        db.InvoicingRuns.Add(run);
        await db.SaveChangesAsync(cancellationToken);
        await invoicing.IssueBatchAsync(run, [familyId], today, clock.UtcNow, cancellationToken);
        run.Status = InvoicingRunStatus.Done;
        run.FinishedAt = clock.UtcNow;
        await db.SaveChangesAsync(cancellationToken);
    }

    private static readonly string[] LastNames =
    [
        "Martin", "Bernard", "Thomas", "Petit", "Robert", "Richard", "Durand", "Dubois", "Moreau", "Laurent",
        "Simon", "Michel", "Lefèvre", "Leroy", "Roux", "David", "Bertrand", "Morel", "Fournier", "Girard",
        "Bonnet", "Dupont", "Lambert", "Fontaine", "Rousseau", "Vincent", "Muller", "Lefebvre", "Faure", "André",
        "Mercier", "Blanc", "Guérin", "Boyer", "Garnier", "Chevalier", "François", "Legrand", "Gauthier", "Garcia",
    ];

    private static readonly string[] FirstNames =
    [
        "Léa", "Hugo", "Emma", "Louis", "Jade", "Gabriel", "Louise", "Raphaël", "Alice", "Arthur",
        "Chloé", "Jules", "Inès", "Adam", "Lina", "Lucas", "Mia", "Nathan", "Zoé", "Paul",
    ];

    /// <summary>
    /// Adds <paramref name="count"/> generated families (no accounts), to try the back office at
    /// the size of a city (Demo:ExtraFamilies). Runs in batches so memory stays flat.
    /// </summary>
    public async Task SeedExtraFamiliesAsync(int count, CancellationToken cancellationToken)
    {
        var today = clock.Today;
        var random = new Random(2026);
        const int Batch = 1000;
        for (var done = 0; done < count; done += Batch)
        {
            for (var i = done; i < Math.Min(count, done + Batch); i++)
            {
                var lastName = LastNames[random.Next(LastNames.Length)];
                var parent = FirstNames[random.Next(FirstNames.Length)];
                var family = Family.CreateKnown(parent, lastName, $"famille{i:D6}@demo.example", clock.UtcNow).Value;
                for (var c = random.Next(1, 4); c > 0; c--)
                {
                    family.AddChild(FirstNames[random.Next(FirstNames.Length)], lastName, today.AddDays(-random.Next(365 * 3, 365 * 12)), random.Next(2) == 0 ? Sex.Female : Sex.Male, today);
                }

                db.Families.Add(family);
            }

            await db.SaveChangesAsync(cancellationToken);
            db.ChangeTracker.Clear();
        }

        Console.WriteLine($"Familles de démonstration ajoutées : {count}.");
    }

    private async Task CreateStaffAsync(DemoAccount account, string firstName, string lastName, string role)
    {
        var user = NewUser(account.Email, firstName, lastName);
        await CheckAsync(users.CreateAsync(user, account.Password));
        await CheckAsync(users.AddToRoleAsync(user, role));
    }

    private AppUser NewUser(string email, string firstName, string lastName) => new()
    {
        Id = Guid.NewGuid(),
        UserName = email,
        Email = email,
        EmailConfirmed = true,
        FirstName = firstName,
        LastName = lastName,
        CreatedAt = clock.UtcNow,
        ActivatedAt = clock.UtcNow,
    };

    private static async Task CheckAsync(Task<IdentityResult> operation)
    {
        var result = await operation;
        if (!result.Succeeded)
        {
            throw new InvalidOperationException("Demo seed failed: " + string.Join(" ", result.Errors.Select(e => e.Description)));
        }
    }
}
