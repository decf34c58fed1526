using System.Net;
using Microsoft.EntityFrameworkCore;
using PortailFamille.Web.Features.Accounts;
using PortailFamille.Web.Tests.Infrastructure;

namespace PortailFamille.Web.Tests.Gestion;

public sealed class StaffAccountsTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task Administrator_CreatesAnAgent_WhoIsInvitedAndSignsIn()
    {
        using var admin = factory.NewClient();
        await admin.SignInStaffAsync(Demo.AdminEmail, Demo.AdminPassword);
        var email = TestData.UniqueEmail("agent");

        var created = await admin.SubmitAsync("/gestion/personnel/nouveau", new Dictionary<string, string>
        {
            ["Input.LastName"] = "Garnier",
            ["Input.FirstName"] = "Élise",
            ["Input.Email"] = email,
            ["Input.Role"] = "Agent",
        });

        Assert.Equal("/gestion/personnel", created.Location);
        var list = await admin.FollowAsync(created);
        Assert.Contains("GARNIER Élise", list.Text);
        var link = (await factory.Smtp.WaitForMessageAsync(email)).PortalLink();
        using var newcomer = factory.NewClient();
        var chosen = await newcomer.SubmitAsync(link, new Dictionary<string, string>
        {
            ["NewPassword.Password"] = "Agent-Garnier-2026!",
            ["NewPassword.Confirmation"] = "Agent-Garnier-2026!",
        });
        Assert.Equal("/gestion/connexion", chosen.Location);
        Assert.Equal("/gestion", (await newcomer.SignInStaffAsync(email, "Agent-Garnier-2026!")).Location);
        Assert.Equal(HttpStatusCode.Forbidden, (await newcomer.GetAsync("/gestion/personnel")).Status);
    }

    [Fact]
    public async Task Administrator_ChangesARole_WhichAppliesAndIsInTheHistory()
    {
        var agent = await TestData.CreateStaffAsync(factory, Roles.Agent);
        using var admin = factory.NewClient();
        await admin.SignInStaffAsync(Demo.AdminEmail, Demo.AdminPassword);

        var saved = await admin.SubmitAsync($"/gestion/personnel/{agent.UserId}", new Dictionary<string, string> { ["Role"] = "Administrator" }, "form[action*='handler=Role']");

        Assert.Equal("/gestion/personnel", saved.Location);
        using var promoted = factory.NewClient();
        await promoted.SignInStaffAsync(agent.Email, agent.Password);
        Assert.Equal(HttpStatusCode.OK, (await promoted.GetAsync("/gestion/personnel")).Status);
        var page = await admin.GetAsync($"/gestion/personnel/{agent.UserId}");
        Assert.Contains("Agent → Administrateur", page.Text);
        Assert.Contains("LAMBERT Claire", page.Text);
    }

    [Fact]
    public async Task TheLastAdministrator_CannotBeDemotedNorDisabled()
    {
        using var admin = factory.NewClient();
        await admin.SignInStaffAsync(Demo.AdminEmail, Demo.AdminPassword);
        var adminId = await factory.WithDbAsync(db => db.Users.Where(u => u.Email == Demo.AdminEmail).Select(u => u.Id).SingleAsync());
        var otherAdmins = await factory.WithDbAsync(db =>
            (from u in db.Users
             join ur in db.UserRoles on u.Id equals ur.UserId
             join r in db.Roles on ur.RoleId equals r.Id
             where r.Name == Roles.Administrator && u.Id != adminId
             select u).ToListAsync());
        foreach (var other in otherAdmins)
        {
            await admin.SubmitAsync($"/gestion/personnel/{other.Id}", new Dictionary<string, string>(), "form[action*='handler=Disable']");
        }

        var demoted = await admin.SubmitAsync($"/gestion/personnel/{adminId}", new Dictionary<string, string> { ["Role"] = "Agent" }, "form[action*='handler=Role']");
        var disabled = await admin.SubmitAsync($"/gestion/personnel/{adminId}", new Dictionary<string, string>(), "form[action*='handler=Disable']");

        Assert.Contains("Il doit rester au moins un administrateur actif : nommez d'abord un autre administrateur.", demoted.Errors);
        Assert.Contains("Il doit rester au moins un administrateur actif : ce compte ne peut pas être désactivé.", disabled.Errors);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/gestion/personnel")).Status);
    }

    [Fact]
    public async Task DisabledAccount_CannotSignIn()
    {
        var agent = await TestData.CreateStaffAsync(factory, Roles.Agent);
        using var admin = factory.NewClient();
        await admin.SignInStaffAsync(Demo.AdminEmail, Demo.AdminPassword);

        await admin.SubmitAsync($"/gestion/personnel/{agent.UserId}", new Dictionary<string, string>(), "form[action*='handler=Disable']");

        using var client = factory.NewClient();
        var page = await client.SignInStaffAsync(agent.Email, agent.Password);
        Assert.Contains("Identifiant ou mot de passe incorrect.", page.Errors);
    }

    [Fact]
    public async Task InvalidStaffForm_IsRefusedInFrench()
    {
        using var admin = factory.NewClient();
        await admin.SignInStaffAsync(Demo.AdminEmail, Demo.AdminPassword);

        var page = await admin.SubmitAsync("/gestion/personnel/nouveau", new Dictionary<string, string>
        {
            ["Input.LastName"] = "",
            ["Input.FirstName"] = "Jean",
            ["Input.Email"] = "jean@",
            ["Input.Role"] = "Chef",
        });

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Contains("Saisissez le nom.", page.Errors);
        Assert.Contains("Saisissez une adresse email valide, par exemple prenom.nom@mairie.fr.", page.Errors);
        Assert.Contains(page.Errors, e => e.Contains("« Chef » n'est pas valide", StringComparison.Ordinal));
    }
}
