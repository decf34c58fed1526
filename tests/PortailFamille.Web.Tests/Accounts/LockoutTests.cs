using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using PortailFamille.Web.Features.Accounts;
using PortailFamille.Web.Tests.Infrastructure;

namespace PortailFamille.Web.Tests.Accounts;

public sealed class LockoutTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private const string Locked = "Votre compte est bloqué pendant 15 minutes après 5 tentatives de connexion infructueuses.";

    [Fact]
    public async Task FiveFailures_LockTheAccount_EvenForTheRightPassword()
    {
        using var client = factory.NewClient();
        var account = await TestData.CreateFamilyAsync(factory);

        for (var i = 1; i <= 4; i++)
        {
            var failed = await client.SignInFamilyAsync(account.Email, "Mauvais-Passe-2026!");
            Assert.Contains("Identifiant ou mot de passe incorrect.", failed.Errors);
        }

        var fifth = await client.SignInFamilyAsync(account.Email, "Mauvais-Passe-2026!");
        var rightPassword = await client.SignInFamilyAsync(account.Email, account.Password);

        Assert.Contains(fifth.Errors, e => e.StartsWith(Locked, StringComparison.Ordinal));
        Assert.Contains(rightPassword.Errors, e => e.StartsWith(Locked, StringComparison.Ordinal));
        Assert.Null(rightPassword.Location);
    }

    [Fact]
    public async Task LockedAccount_OpensAgain_AfterFifteenMinutes()
    {
        using var client = factory.NewClient();
        var account = await TestData.CreateFamilyAsync(factory);
        for (var i = 0; i < 5; i++)
        {
            await client.SignInFamilyAsync(account.Email, "Mauvais-Passe-2026!");
        }

        using (var scope = factory.Services.CreateScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            var user = (await users.FindByEmailAsync(account.Email))!;
            Assert.True(await users.IsLockedOutAsync(user));
            // Identity times the lockout on the machine's clock, not on the portal's TimeProvider:
            // the real clock is the right one here, even under PORTAIL_TEST_NOW.
            Assert.InRange(user.LockoutEnd!.Value - DateTimeOffset.UtcNow, TimeSpan.FromMinutes(14), TimeSpan.FromMinutes(15));
            // Fifteen minutes later, as Identity sees it: the lock end is in the past.
            await users.SetLockoutEndDateAsync(user, DateTimeOffset.UtcNow.AddSeconds(-1));
        }

        var page = await client.SignInFamilyAsync(account.Email, account.Password);

        Assert.Equal("/famille", page.Location);
    }

    [Fact]
    public async Task UnknownAddress_LooksLockedToo_AfterFiveFailures()
    {
        using var client = factory.NewClient();
        var unknown = TestData.UniqueEmail();

        HtmlPage last = null!;
        for (var i = 0; i < 5; i++)
        {
            last = await client.SignInFamilyAsync(unknown, "Mauvais-Passe-2026!");
        }

        Assert.Contains(last.Errors, e => e.StartsWith(Locked, StringComparison.Ordinal));
    }

    [Fact]
    public async Task StaffAccount_IsLockedTheSameWay()
    {
        using var client = factory.NewClient();
        var agent = await TestData.CreateStaffAsync(factory, Roles.Agent);

        for (var i = 0; i < 5; i++)
        {
            await client.SignInStaffAsync(agent.Email, "Mauvais-Passe-2026!");
        }

        var page = await client.SignInStaffAsync(agent.Email, agent.Password);

        Assert.Contains(page.Errors, e => e.StartsWith(Locked, StringComparison.Ordinal));
    }
}
