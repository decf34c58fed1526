using Microsoft.EntityFrameworkCore;
using PortailFamille.Web.Features.Accounts;
using PortailFamille.Web.Tests.Infrastructure;

namespace PortailFamille.Web.Tests.Gestion;

/// <summary>A new production-like installation: no demo data, a first administrator in the settings.</summary>
public sealed class NewInstallationFactory : PortalFactory
{
    public const string AdministratorEmail = "dgs@mairie.example";

    protected override IDictionary<string, string?> ExtraSettings => new Dictionary<string, string?>
    {
        ["Demo:Seed"] = "false",
        ["Bootstrap:AdministratorEmail"] = "DGS@Mairie.example",
        ["Bootstrap:AdministratorFirstName"] = "Nadia",
        ["Bootstrap:AdministratorLastName"] = "Roussel",
    };
}

public sealed class AdministratorBootstrapTests(NewInstallationFactory factory) : IClassFixture<NewInstallationFactory>
{
    [Fact]
    public async Task NewInstallation_HasNoDemoData_AndInvitesItsFirstAdministrator()
    {
        Assert.Equal(0, await factory.WithDbAsync(db => db.Families.CountAsync()));
        Assert.False(await factory.WithDbAsync(db => db.Users.AnyAsync(u => u.Email == Demo.AgentEmail)));

        var link = (await factory.Smtp.WaitForMessageAsync(NewInstallationFactory.AdministratorEmail)).PortalLink();
        using var client = factory.NewClient();
        var chosen = await client.SubmitAsync(link, new Dictionary<string, string>
        {
            ["NewPassword.Password"] = "Premier-Admin-2026!",
            ["NewPassword.Confirmation"] = "Premier-Admin-2026!",
        });
        Assert.Equal("/gestion/connexion", chosen.Location);

        await client.SignInStaffAsync(NewInstallationFactory.AdministratorEmail, "Premier-Admin-2026!");
        var staff = await client.GetAsync("/gestion/personnel");
        Assert.Equal(System.Net.HttpStatusCode.OK, staff.Status);
        Assert.Contains("ROUSSEL Nadia", staff.Text);
        Assert.Contains(Roles.Administrator, staff.Text);
    }
}
