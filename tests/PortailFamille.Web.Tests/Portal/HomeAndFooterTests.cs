using System.Net;
using PortailFamille.Web.Tests.Infrastructure;

namespace PortailFamille.Web.Tests.Portal;

public sealed class HomeAndFooterTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task Home_ShowsTheGuidesTwoBlocks_AndInformations()
    {
        using var client = factory.NewClient();

        var page = await client.GetAsync("/");

        Assert.Equal(HttpStatusCode.OK, page.Status);
        var headings = page.Document.QuerySelectorAll("h2").Select(h => h.TextContent.Trim()).ToList();
        Assert.Contains(headings, h => h.EndsWith("Inscrivez-vous au portail de la famille !", StringComparison.Ordinal));
        Assert.Contains(headings, h => h.EndsWith("Connexion au portail de la famille", StringComparison.Ordinal));
        Assert.Contains("Informations", headings);
        Assert.Equal(4, page.Document.QuerySelectorAll("#titre-inscription ~ ol.steps li").Length);
        Assert.Equal("M'inscrire", page.Document.QuerySelector("a[href='/inscription']")!.TextContent.Trim());
        Assert.Equal("Votre identifiant", page.Document.QuerySelector("label[for=Input_Email]")!.TextContent.Trim());
        Assert.Equal("Votre mot de passe", page.Document.QuerySelector("label[for=Input_Password]")!.TextContent.Trim());
        Assert.Equal("Connexion", page.Document.QuerySelector("main button[type=submit]")!.TextContent.Trim());
        Assert.Equal("Mot de passe oublié ?", page.Document.QuerySelector("a[href='/mot-de-passe-oublie']")!.TextContent.Trim());
        Assert.Equal("fr", page.Document.DocumentElement.GetAttribute("lang"));
    }

    [Theory]
    [InlineData("/mentions-legales", "Mentions légales")]
    [InlineData("/accessibilite", "E-accessibilité")]
    [InlineData("/contact", "Contactez-nous")]
    public async Task FooterPages_AreLinkedEverywhere_AndFilledFromTheCommunesSettings(string url, string label)
    {
        using var client = factory.NewClient();

        var home = await client.GetAsync("/");
        var page = await client.GetAsync(url);

        Assert.Equal(label, home.Document.QuerySelector($"footer a[href='{url}']")!.TextContent.Trim());
        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Contains("Mairie de Beaulieu-les-Sagnes", page.Text);
        Assert.Contains("enfance@beaulieu-les-sagnes.example", page.Text);
        Assert.Contains("04 76 00 12 34", page.Text);
        Assert.Contains("19 rue des Sagnes", page.Text);
        Assert.Equal("/img/logo.svg", page.Document.QuerySelector("header img")!.GetAttribute("src"));
    }

    [Fact]
    public async Task SignUpButton_LeadsToAPageThatExplainsTheSteps()
    {
        using var client = factory.NewClient();

        var page = await client.GetAsync("/inscription");

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Contains("Responsable du foyer", page.Text);
        Assert.Contains("Service Enfance Jeunesse", page.Text);
    }

    [Fact]
    public async Task UnknownPage_GetsAFrench404()
    {
        using var client = factory.NewClient();

        var page = await client.GetAsync("/page-qui-n-existe-pas");

        Assert.Equal(HttpStatusCode.NotFound, page.Status);
        Assert.Contains("Page introuvable", page.Text);
    }
}
