using System.Net;
using PortailFamille.Web.Tests.Infrastructure;

namespace PortailFamille.Web.Tests.Portal;

public sealed class FamilySpaceTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task AFamily_SeesOnlyItsOwnChildren()
    {
        var today = factory.Clock.Today;
        var first = await TestData.CreateFamilyAsync(factory, "Bernard", ("Zoé", today.AddYears(-6)));
        var second = await TestData.CreateFamilyAsync(factory, "Moreau", ("Nina", today.AddYears(-3)));
        using var client = factory.NewClient();

        await client.SignInFamilyAsync(second.Email, second.Password);
        var page = await client.GetAsync("/famille");

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Contains("Nina", page.Text);
        Assert.Contains("Famille : MOREAU Alice", page.Text);
        Assert.DoesNotContain("Zoé", page.Text);
        Assert.DoesNotContain("BERNARD", page.Text);
        Assert.DoesNotContain("Léa", page.Text);
        Assert.NotEqual(first.FamilyId, second.FamilyId);
    }

    [Fact]
    public async Task ChildCard_ShowsAgeBirthDateAndSex_InFrenchFormats()
    {
        var today = factory.Clock.Today;
        var birth = today.AddYears(-5).AddDays(-10);
        var account = await TestData.CreateFamilyAsync(factory, "Simon", ("Emma", birth));
        using var client = factory.NewClient();

        await client.SignInFamilyAsync(account.Email, account.Password);
        var page = await client.GetAsync("/famille");

        Assert.Contains("Age : 5 an(s)", page.Text);
        Assert.Contains($"Né(e) le : {birth:dd/MM/yyyy}", page.Text);
        Assert.Contains("Sexe : Féminin", page.Text);
    }
}
