using System.Net;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using PortailFamille.Web.Tests.Infrastructure;
using static PortailFamille.Web.Tests.Registrations.RegistrationTestData;

namespace PortailFamille.Web.Tests.Registrations;

/// <summary>A family only ever sees and acts on its own children and registrations.</summary>
public sealed class RegistrationSecurityTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task AnotherFamilysChild_IsNotFound_OnEveryRoute_GetAndPost()
    {
        var own = await TestData.CreateFamilyAsync(factory, "Martin", ("Paul", BornYearsAgo(factory, 7)));
        var ownChild = await ChildOfAsync(factory, own);
        var lea = await DemoChildAsync(factory, "Léa");
        var canteen = await OfferAsync(factory, "Restaurant scolaire");
        var before = await factory.WithDbAsync(db => db.Registrations.CountAsync());
        using var client = factory.NewClient();
        await client.SignInFamilyAsync(own.Email, own.Password);

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/famille/inscriptions?enfant={lea}")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/famille/inscriptions/nouvelle?enfant={lea}")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/famille/inscriptions/nouvelle")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/famille/inscriptions?enfant=pas-un-id")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/famille/inscriptions?enfant={Guid.NewGuid()}")).Status);

        // A POST with a valid token of the family's own form, but the other family's child.
        var form = await client.GetAsync($"/famille/inscriptions/nouvelle?enfant={ownChild}");
        var token = ((IHtmlInputElement)form.Document.QuerySelector("main form input[name=__RequestVerificationToken]")!).Value;
        var fields = canteen.Form(Day(canteen.Period.Start), Day(canteen.Period.End));
        fields["__RequestVerificationToken"] = token;
        var request = await client.PostAsync($"/famille/inscriptions/nouvelle?enfant={lea}", fields);
        Assert.Equal(HttpStatusCode.NotFound, request.Status);
        fields["choisir"] = "equipement";
        Assert.Equal(HttpStatusCode.NotFound, (await client.PostAsync($"/famille/inscriptions/nouvelle?enfant={lea}", fields)).Status);
        Assert.Equal(before, await factory.WithDbAsync(db => db.Registrations.CountAsync()));

        // The family's own pages show none of the other family's children or registrations.
        var chooser = await client.GetAsync("/famille/inscriptions");
        Assert.DoesNotContain("Léa", chooser.Text, StringComparison.Ordinal);
        var list = await client.GetAsync($"/famille/inscriptions?enfant={ownChild}");
        Assert.Equal(HttpStatusCode.OK, list.Status);
        Assert.Empty(list.Document.QuerySelectorAll("tbody tr"));
        Assert.DoesNotContain("RESTAURANT SCOLAIRE", list.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnotherFamilysRegistration_NeverShows_AndItsIdsOpenNothing()
    {
        var own = await TestData.CreateFamilyAsync(factory, "Bernard", ("Zoé", BornYearsAgo(factory, 6)));
        var ownChild = await ChildOfAsync(factory, own);
        var demoRegistrations = await factory.WithDbAsync(db => db.Registrations.Where(r => r.FamilyId != own.FamilyId).Select(r => r.Id).ToListAsync());
        Assert.NotEmpty(demoRegistrations);
        using var client = factory.NewClient();
        await client.SignInFamilyAsync(own.Email, own.Password);

        foreach (var id in demoRegistrations)
        {
            Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/famille/inscriptions?enfant={id}")).Status);
            Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/famille/inscriptions/nouvelle?enfant={id}")).Status);
        }

        var page = await client.GetAsync($"/famille/inscriptions?enfant={ownChild}");
        foreach (var id in demoRegistrations)
        {
            Assert.DoesNotContain(id.ToString(), page.Document.DocumentElement.OuterHtml, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public async Task Staff_GetForbidden_AndVisitors_AreSentToSignIn()
    {
        var lea = await DemoChildAsync(factory, "Léa");
        using var agent = factory.NewClient();
        await agent.SignInStaffAsync(Demo.AgentEmail, Demo.AgentPassword);
        foreach (var url in new[] { "/famille/inscriptions", $"/famille/inscriptions?enfant={lea}", $"/famille/inscriptions/nouvelle?enfant={lea}" })
        {
            Assert.Equal(HttpStatusCode.Forbidden, (await agent.GetAsync(url)).Status);
        }

        using var visitor = factory.NewClient();
        var anonymous = await visitor.GetAsync("/famille/inscriptions");
        Assert.Equal(HttpStatusCode.Redirect, anonymous.Status);
        Assert.StartsWith("/?ReturnUrl=", anonymous.Location, StringComparison.Ordinal);
    }
}
