using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using PortailFamille.Domain.Families;
using PortailFamille.Web.Data;
using PortailFamille.Web.Features.Accounts;

namespace PortailFamille.Web.Tests.Infrastructure;

public sealed record TestAccount(Guid UserId, string Email, string Password, Guid? FamilyId);

/// <summary>Creates accounts straight in the database, for tests that are not about creating them.</summary>
public static class TestData
{
    public const string Password = "Essai-Portail-2026!";

    public static string UniqueEmail(string prefix = "famille") => $"{prefix}-{Guid.NewGuid():N}@test.example";

    public static async Task<TestAccount> CreateFamilyAsync(PortalFactory factory, string lastName = "Durand", params (string FirstName, DateOnly BirthDate)[] children)
    {
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var email = UniqueEmail();
        var family = Family.CreateKnown("Alice", lastName, email, factory.Clock.UtcNow).Value;
        foreach (var (firstName, birthDate) in children)
        {
            family.AddChild(firstName, lastName, birthDate, Sex.Female, factory.Clock.Today);
        }

        db.Families.Add(family);
        await db.SaveChangesAsync();
        var user = new AppUser { Id = Guid.NewGuid(), UserName = email, Email = email, FirstName = "Alice", LastName = lastName, FamilyId = family.Id, CreatedAt = factory.Clock.UtcNow };
        Check(await users.CreateAsync(user, Password));
        Check(await users.AddToRoleAsync(user, Roles.Family));
        return new TestAccount(user.Id, email, Password, family.Id);
    }

    public static async Task<TestAccount> CreateStaffAsync(PortalFactory factory, string role)
    {
        using var scope = factory.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var email = UniqueEmail("agent");
        var user = new AppUser { Id = Guid.NewGuid(), UserName = email, Email = email, FirstName = "Paul", LastName = "Agent", CreatedAt = factory.Clock.UtcNow };
        Check(await users.CreateAsync(user, Password));
        Check(await users.AddToRoleAsync(user, role));
        return new TestAccount(user.Id, email, Password, null);
    }

    private static void Check(IdentityResult result)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException(string.Join(" ", result.Errors.Select(e => e.Description)));
        }
    }
}

public static class Demo
{
    public const string FamilyEmail = "famille@portail.example";
    public const string FamilyPassword = "Demo-Famille-2026!";
    public const string AgentEmail = "agent@portail.example";
    public const string AgentPassword = "Demo-Agent-2026!";
    public const string AdminEmail = "admin@portail.example";
    public const string AdminPassword = "Demo-Admin-2026!";
}
