using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using PortailFamille.Domain.Families;
using PortailFamille.Domain.Registrations;
using PortailFamille.Web.Features.Accounts;
using PortailFamille.Web.Infrastructure.Time;

namespace PortailFamille.Web.Data;

/// <summary>
/// Registration day's families (Demo:RushFamilies, for bench/rush): each with its own account
/// (rush00001@demo.example … and <see cref="Password"/>), one child of 7 and a validated canteen
/// registration for the period holding the month after next, without a semaine type, so that
/// every family opens the same month of the same activity and books the same days.
/// </summary>
public sealed class DemoRushSeeder(AppDbContext db, UserManager<AppUser> users, ParisClock clock, ILogger<DemoRushSeeder> logger)
{
    public const string Password = "Demo-Rush-2026!";
    public const string Activity = "Restaurant scolaire";
    private const int Batch = 500;

    public static string Email(int number) => $"rush{number:D5}@demo.example";

    public async Task SeedAsync(int count, CancellationToken cancellationToken)
    {
        var today = clock.Today;
        var now = clock.UtcNow;
        var month = new DateOnly(today.Year, today.Month, 1).AddMonths(2);
        var activity = await db.Activities.AsNoTracking().SingleAsync(a => a.Name == Activity, cancellationToken);
        var period = await db.Periods.AsNoTracking()
            .Where(p => p.ActivityId == activity.Id && p.Start <= month && month <= p.End)
            .FirstAsync(cancellationToken);
        var role = await db.Roles.AsNoTracking().SingleAsync(r => r.Name == Roles.Family, cancellationToken);
        // One hash for every account: hashing is made slow on purpose, and the accounts are alike.
        var hash = users.PasswordHasher.HashPassword(new AppUser(), Password);
        for (var done = 0; done < count; done += Batch)
        {
            for (var number = done + 1; number <= Math.Min(count, done + Batch); number++)
            {
                var email = Email(number);
                var family = Family.CreateKnown("Parent", "Rush" + DemoBillingSeeder.Letters(number), email, now).Value;
                family.AddChild("Enfant", family.Responsible.LastName, today.AddYears(-7), Sex.Female, today);
                db.Families.Add(family);
                var child = family.Children[0];
                var registration = Registration.Request(family.Id, child.Id, child.FirstName, child.BirthDate, activity, period, period.Start, period.End, WeeklyPattern.Empty, [], today, now).Value;
                registration.Validate(now);
                db.Registrations.Add(registration);
                var user = new AppUser
                {
                    Id = Guid.NewGuid(),
                    UserName = email,
                    NormalizedUserName = email.ToUpperInvariant(),
                    Email = email,
                    NormalizedEmail = email.ToUpperInvariant(),
                    EmailConfirmed = true,
                    PasswordHash = hash,
                    SecurityStamp = Guid.NewGuid().ToString("N"),
                    ConcurrencyStamp = Guid.NewGuid().ToString(),
                    FirstName = "Parent",
                    LastName = family.Responsible.LastName,
                    FamilyId = family.Id,
                    CreatedAt = now,
                    ActivatedAt = now,
                };
                db.Users.Add(user);
                db.UserRoles.Add(new IdentityUserRole<Guid> { UserId = user.Id, RoleId = role.Id });
            }

            await db.SaveChangesAsync(cancellationToken);
            db.ChangeTracker.Clear();
        }

        logger.LogWarning("Familles de la cohue des inscriptions : {Count} ({First} … {Last}, mot de passe {Password}).", count, Email(1), Email(count), Password);
    }
}
