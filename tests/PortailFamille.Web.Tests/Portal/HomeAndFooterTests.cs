using System.Net;
using PortailFamille.Web.Tests.Infrastructure;

namespace PortailFamille.Web.Tests.Portal;

/// <summary>
/// A commune other than the one of appsettings.json: the footer's test sets every "Commune" value
/// the pages show, so that it proves they come from the configuration, not that the defaults
/// happen to match.
/// </summary>
public sealed class OtherCommuneFactory : PortalFactory
{
    public const string Name = "Communauté de communes du Val d'Essai";
    public const string ServiceName = "Pôle Petite Enfance";
    public const string Street = "2 place de l'Église";
    public const string PostalCode = "05100";
    public const string Town = "Val-d'Essai";
    public const string Phone = "04 92 00 98 76";
    public const string Email = "petite-enfance@val-essai.example";
    public const string OpeningHours = "le mardi et le jeudi, de 9 h à 12 h";
    public const string LogoUrl = "/img/val-essai.svg";
    public const string PublicationDirector = "La présidente de la communauté de communes";
    public const string Host = "Hébergeur Essai, 8 rue du Serveur, 69000 Lyon";
    public const string DataProtectionOfficer = "dpo@val-essai.example";
    public const string Siret = "200 012 345 00018";

    protected override IDictionary<string, string?> ExtraSettings => new Dictionary<string, string?>
    {
        ["Commune:Name"] = Name,
        ["Commune:ServiceName"] = ServiceName,
        ["Commune:Street"] = Street,
        ["Commune:PostalCode"] = PostalCode,
        ["Commune:Town"] = Town,
        ["Commune:Phone"] = Phone,
        ["Commune:Email"] = Email,
        ["Commune:OpeningHours"] = OpeningHours,
        ["Commune:LogoUrl"] = LogoUrl,
        ["Commune:PublicationDirector"] = PublicationDirector,
        ["Commune:Host"] = Host,
        ["Commune:DataProtectionOfficer"] = DataProtectionOfficer,
        ["Commune:Siret"] = Siret,
    };
}

public sealed class HomeAndFooterTests(OtherCommuneFactory factory) : IClassFixture<OtherCommuneFactory>
{
    private const string DefaultCommune = "Beaulieu-les-Sagnes";

    [Fact]
    public async Task Home_ShowsTheSignUpAndSignInBlocks_AndInformations()
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
        var footer = page.Document.QuerySelector("footer")!.TextContent;
        foreach (var value in new[] { OtherCommuneFactory.ServiceName, OtherCommuneFactory.Name, OtherCommuneFactory.Street, $"{OtherCommuneFactory.PostalCode} {OtherCommuneFactory.Town}", OtherCommuneFactory.Phone, OtherCommuneFactory.Email })
        {
            Assert.Contains(value, footer, StringComparison.Ordinal);
        }

        var main = page.Document.QuerySelector("main")!.TextContent;
        string[] expected = url switch
        {
            "/mentions-legales" =>
            [
                OtherCommuneFactory.Name, OtherCommuneFactory.ServiceName, $"{OtherCommuneFactory.Street}, {OtherCommuneFactory.PostalCode} {OtherCommuneFactory.Town}",
                OtherCommuneFactory.Phone, OtherCommuneFactory.Email, $"SIRET : {OtherCommuneFactory.Siret}", OtherCommuneFactory.PublicationDirector,
                OtherCommuneFactory.Host, OtherCommuneFactory.DataProtectionOfficer,
            ],
            "/accessibilite" => [OtherCommuneFactory.Name, OtherCommuneFactory.ServiceName, OtherCommuneFactory.Email, OtherCommuneFactory.Phone],
            _ =>
            [
                OtherCommuneFactory.ServiceName, OtherCommuneFactory.Name, OtherCommuneFactory.Street, $"{OtherCommuneFactory.PostalCode} {OtherCommuneFactory.Town}",
                OtherCommuneFactory.Phone, OtherCommuneFactory.Email, OtherCommuneFactory.OpeningHours,
            ],
        };
        Assert.All(expected, value => Assert.Contains(value, main, StringComparison.Ordinal));
        Assert.DoesNotContain(DefaultCommune, page.Text, StringComparison.Ordinal);
        Assert.Equal(OtherCommuneFactory.LogoUrl, page.Document.QuerySelector("header img")!.GetAttribute("src"));
    }

    [Fact]
    public async Task Contact_LinksThePhoneAndTheAddress_OfTheCommune()
    {
        using var client = factory.NewClient();

        var page = await client.GetAsync("/contact");

        Assert.NotNull(page.Document.QuerySelector("a[href='tel:0492009876']"));
        Assert.NotNull(page.Document.QuerySelector($"main a[href='mailto:{OtherCommuneFactory.Email}']"));
    }

    [Fact]
    public async Task SignUpButton_LeadsToAPageThatExplainsTheSteps()
    {
        using var client = factory.NewClient();

        var page = await client.GetAsync("/inscription");

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Contains("Responsable du foyer", page.Text);
        Assert.Contains(OtherCommuneFactory.ServiceName, page.Text);
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
