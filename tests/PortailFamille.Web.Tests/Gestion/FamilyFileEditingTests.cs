using System.Net;
using Microsoft.EntityFrameworkCore;
using PortailFamille.Web.Tests.Infrastructure;

namespace PortailFamille.Web.Tests.Gestion;

/// <summary>An agent corrects a family's file with the same rules as the family, and the history says who.</summary>
public sealed class FamilyFileEditingTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task Agent_CorrectsTheCoordonnees_AndTheHistoryNamesTheAgent()
    {
        var family = await TestData.CreateFamilyAsync(factory);
        using var agent = factory.NewClient();
        await agent.SignInStaffAsync(Demo.AgentEmail, Demo.AgentPassword);

        var saved = await agent.SubmitAsync($"/gestion/familles/{family.FamilyId}/coordonnees", new Dictionary<string, string>
        {
            ["Input.Street"] = "5 place du Marché",
            ["Input.PostalCode"] = "38860",
            ["Input.Town"] = "Beaulieu-les-Sagnes",
            ["Input.MobilePhone1"] = "0612345678",
            ["Input.BenefitScheme"] = "Msa",
            ["Input.BeneficiaryNumber"] = "1234567890123",
        });

        Assert.Equal($"/gestion/familles/{family.FamilyId}", saved.Location);
        var file = await agent.FollowAsync(saved);
        Assert.Contains("5 place du Marché", file.Text);
        Assert.Contains("06 12 34 56 78", file.Text);
        var entry = await factory.WithDbAsync(db => db.AuditEntries.Where(e => e.SubjectId == family.FamilyId && e.Description.StartsWith("Coordonnées modifiées")).SingleAsync());
        Assert.Equal("BENALI Karim", entry.ActorName);
    }

    [Fact]
    public async Task Agent_WrongCoordonnees_AreRefused()
    {
        var family = await TestData.CreateFamilyAsync(factory);
        using var agent = factory.NewClient();
        await agent.SignInStaffAsync(Demo.AgentEmail, Demo.AgentPassword);

        var page = await agent.SubmitAsync($"/gestion/familles/{family.FamilyId}/coordonnees", new Dictionary<string, string>
        {
            ["Input.Street"] = "5 place du Marché",
            ["Input.PostalCode"] = "ABCDE",
            ["Input.Town"] = "Beaulieu-les-Sagnes",
            ["Input.MobilePhone1"] = "0612345678",
        });

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Contains("Le code postal doit comporter 5 chiffres, par exemple 38860.", page.Errors);
        Assert.Null((await factory.WithDbAsync(db => db.Families.SingleAsync(f => f.Id == family.FamilyId))).Contact);
    }

    [Fact]
    public async Task Agent_AddsAChild_ThenCorrectsIt()
    {
        var family = await TestData.CreateFamilyAsync(factory);
        using var agent = factory.NewClient();
        await agent.SignInStaffAsync(Demo.AgentEmail, Demo.AgentPassword);

        var added = await agent.SubmitAsync($"/gestion/familles/{family.FamilyId}/enfants/nouveau", new Dictionary<string, string>
        {
            ["Input.LastName"] = "Durand",
            ["Input.FirstName"] = "Noé",
            ["Input.BirthDate"] = "02/02/2020",
            ["Input.Sex"] = "Male",
        });
        var childId = await factory.WithDbAsync(db => db.Children.Where(c => c.FamilyId == family.FamilyId).Select(c => c.Id).SingleAsync());
        var corrected = await agent.SubmitAsync($"/gestion/familles/{family.FamilyId}/enfants/{childId}", new Dictionary<string, string>
        {
            ["Input.BirthDate"] = "03/02/2020",
            ["Input.ClassName"] = "MS",
        });

        Assert.Equal($"/gestion/familles/{family.FamilyId}", added.Location);
        Assert.Equal($"/gestion/familles/{family.FamilyId}", corrected.Location);
        var child = await factory.WithDbAsync(db => db.Children.SingleAsync(c => c.Id == childId));
        Assert.Equal(new DateOnly(2020, 2, 3), child.BirthDate);
        Assert.Equal("MS", child.ClassName);
        var history = await factory.WithDbAsync(db => db.AuditEntries.Where(e => e.SubjectId == family.FamilyId).Select(e => e.Description).ToListAsync());
        Assert.Contains(history, h => h.Contains("Date de naissance : « 02/02/2020 » → « 03/02/2020 »", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Agent_ChildOfAnotherFamily_IsNotFound()
    {
        var today = factory.Clock.Today;
        var owner = await TestData.CreateFamilyAsync(factory, "Proprio", ("Secret", today.AddYears(-5)));
        var other = await TestData.CreateFamilyAsync(factory);
        var childId = await factory.WithDbAsync(db => db.Children.Where(c => c.FamilyId == owner.FamilyId).Select(c => c.Id).SingleAsync());
        using var agent = factory.NewClient();
        await agent.SignInStaffAsync(Demo.AgentEmail, Demo.AgentPassword);

        var page = await agent.GetAsync($"/gestion/familles/{other.FamilyId}/enfants/{childId}");

        Assert.Equal(HttpStatusCode.NotFound, page.Status);
    }

    [Fact]
    public async Task Agent_InvitesTheSecondParent()
    {
        var family = await TestData.CreateFamilyAsync(factory);
        using var agent = factory.NewClient();
        await agent.SignInStaffAsync(Demo.AgentEmail, Demo.AgentPassword);
        var email = TestData.UniqueEmail("parent2");

        var invited = await agent.SubmitAsync($"/gestion/familles/{family.FamilyId}/second-parent", new Dictionary<string, string>
        {
            ["Input.LastName"] = "Durand",
            ["Input.FirstName"] = "Marc",
            ["Input.Email"] = email,
        });

        Assert.Equal($"/gestion/familles/{family.FamilyId}", invited.Location);
        var link = (await factory.Smtp.WaitForMessageAsync(email)).PortalLink();
        using var parent2 = factory.NewClient();
        await parent2.SubmitAsync(link, new Dictionary<string, string>
        {
            ["NewPassword.Password"] = "Parent-Deux-2026!",
            ["NewPassword.Confirmation"] = "Parent-Deux-2026!",
        });
        Assert.Equal("/famille", (await parent2.SignInFamilyAsync(email, "Parent-Deux-2026!")).Location);
        Assert.Equal($"/gestion/familles/{family.FamilyId}", (await agent.GetAsync($"/gestion/familles/{family.FamilyId}/second-parent")).Location);
    }
}
