using System.Net;
using PortailFamille.Web.Tests.Infrastructure;

namespace PortailFamille.Web.Tests.FamilySpace;

public sealed class SecondGuardianTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task Parent1_InvitesParent2_WhoSignsInToTheSameFamily()
    {
        var today = factory.Clock.Today;
        var parent1 = await TestData.CreateFamilyAsync(factory, "Garcia", ("Inès", today.AddYears(-6)));
        using var client = factory.NewClient();
        await client.SignInFamilyAsync(parent1.Email, parent1.Password);
        var email = TestData.UniqueEmail("parent2");

        var invited = await client.SubmitAsync("/famille/second-responsable", new Dictionary<string, string>
        {
            ["Input.LastName"] = "Garcia",
            ["Input.FirstName"] = "Pablo",
            ["Input.Email"] = email,
        });

        Assert.Equal("/famille", invited.Location);
        var link = (await factory.Smtp.WaitForMessageAsync(email)).PortalLink();
        using var parent2 = factory.NewClient();
        await parent2.SubmitAsync(link, new Dictionary<string, string>
        {
            ["NewPassword.Password"] = "Parent-Deux-2026!",
            ["NewPassword.Confirmation"] = "Parent-Deux-2026!",
        });
        Assert.Equal("/famille", (await parent2.SignInFamilyAsync(email, "Parent-Deux-2026!")).Location);
        var page = await parent2.GetAsync("/famille");
        Assert.Contains("Inès", page.Text);
        Assert.Contains("Famille : GARCIA Alice", page.Text);
        Assert.Contains("Parent 2 : GARCIA Pablo", page.Text);

        // Only the responsable du foyer invites, and a family has two guardians at most.
        Assert.Equal(HttpStatusCode.Forbidden, (await parent2.GetAsync("/famille/second-responsable")).Status);
        Assert.Equal("/famille", (await client.GetAsync("/famille/second-responsable")).Location);
    }

    [Fact]
    public async Task Parent2_WithTheSameEmail_OrAUsedEmail_IsRefused()
    {
        var parent1 = await TestData.CreateFamilyAsync(factory);
        using var client = factory.NewClient();
        await client.SignInFamilyAsync(parent1.Email, parent1.Password);

        var same = await client.SubmitAsync("/famille/second-responsable", new Dictionary<string, string>
        {
            ["Input.LastName"] = "Durand",
            ["Input.FirstName"] = "Paul",
            ["Input.Email"] = parent1.Email.ToUpperInvariant(),
        });
        var used = await client.SubmitAsync("/famille/second-responsable", new Dictionary<string, string>
        {
            ["Input.LastName"] = "Durand",
            ["Input.FirstName"] = "Paul",
            ["Input.Email"] = Demo.AgentEmail,
        });

        Assert.Contains("Le second responsable doit avoir sa propre adresse email.", same.Errors);
        Assert.Contains(used.Errors, e => e.StartsWith("Cette adresse email est déjà utilisée", StringComparison.Ordinal));
    }
}
