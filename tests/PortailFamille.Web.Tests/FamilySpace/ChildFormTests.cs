using System.Net;
using Microsoft.EntityFrameworkCore;
using PortailFamille.Web.Tests.Infrastructure;

namespace PortailFamille.Web.Tests.FamilySpace;

public sealed class ChildFormTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private static Dictionary<string, string> Child(string firstName, string birthDate, string sex = "Female") => new()
    {
        ["Input.LastName"] = "Durand",
        ["Input.FirstName"] = firstName,
        ["Input.BirthDate"] = birthDate,
        ["Input.Sex"] = sex,
    };

    [Fact]
    public async Task MaFamille_ShowsACardPerChild_WithItsLabels()
    {
        using var client = factory.NewClient();
        await client.SignInFamilyAsync(Demo.FamilyEmail, Demo.FamilyPassword);

        var page = await client.GetAsync("/famille");

        Assert.Equal("Ma famille", page.Document.QuerySelector("h1")!.TextContent.Trim());
        Assert.Equal(2, page.Document.QuerySelectorAll(".child-card").Length);
        Assert.Equal(2, page.Document.QuerySelectorAll(".child-card a").Count(a => a.TextContent.StartsWith("Modifier mes informations", StringComparison.Ordinal)));
        Assert.Contains("AJOUTER une nouvelle personne", page.Document.QuerySelector("a[href='/famille/enfants/nouveau']")!.TextContent);
    }

    [Fact]
    public async Task Family_AddsAChild_WhichIsInItsHistory()
    {
        var account = await TestData.CreateFamilyAsync(factory);
        using var client = factory.NewClient();
        await client.SignInFamilyAsync(account.Email, account.Password);

        var saved = await client.SubmitAsync("/famille/enfants/nouveau", Child("Jules", "14/03/2019", "Male"));

        Assert.Equal("/famille", saved.Location);
        var page = await client.FollowAsync(saved);
        Assert.Contains("Jules est ajouté(e) à votre famille.", page.Text);
        Assert.Contains("Né(e) le : 14/03/2019", page.Text);
        Assert.Contains("Sexe : Masculin", page.Text);
        var history = await factory.WithDbAsync(db => db.AuditEntries.Where(e => e.SubjectId == account.FamilyId).Select(e => e.Description).ToListAsync());
        Assert.Contains("Enfant ajouté : Jules DURAND, né(e) le 14/03/2019.", history);
    }

    [Theory]
    [InlineData("31/02/2019", "Saisissez la date de naissance au format jj/mm/aaaa, par exemple 05/09/2019.")]
    [InlineData("2019-03-14", "Saisissez la date de naissance au format jj/mm/aaaa, par exemple 05/09/2019.")]
    [InlineData("01/01/2099", "La date de naissance ne peut pas être dans le futur.")]
    [InlineData("01/01/1990", "Le portail accueille les enfants jusqu'à 17 ans : vérifiez la date de naissance.")]
    [InlineData("", "Saisissez la date de naissance au format jj/mm/aaaa.")]
    public async Task WrongBirthDate_IsRefusedInFrench_AndNothingIsSaved(string birthDate, string message)
    {
        var account = await TestData.CreateFamilyAsync(factory);
        using var client = factory.NewClient();
        await client.SignInFamilyAsync(account.Email, account.Password);

        var page = await client.SubmitAsync("/famille/enfants/nouveau", Child("Jules", birthDate));

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Contains(message, page.Errors);
        Assert.Equal("Jules", ((AngleSharp.Html.Dom.IHtmlInputElement)page.Document.QuerySelector("#Input_FirstName")!).Value);
        Assert.Equal(0, await factory.WithDbAsync(db => db.Children.CountAsync(c => c.FamilyId == account.FamilyId)));
    }

    [Fact]
    public async Task MissingSex_IsRefused()
    {
        var account = await TestData.CreateFamilyAsync(factory);
        using var client = factory.NewClient();
        await client.SignInFamilyAsync(account.Email, account.Password);

        var form = Child("Jules", "14/03/2019");
        form.Remove("Input.Sex");
        var page = await client.SubmitAsync("/famille/enfants/nouveau", form);

        Assert.Contains("Indiquez le sexe de l'enfant.", page.Errors);
    }

    [Fact]
    public async Task Family_EditsSchoolDietHealthAndAuthorisedPersons()
    {
        var today = factory.Clock.Today;
        var account = await TestData.CreateFamilyAsync(factory, "Durand", ("Mila", today.AddYears(-7)));
        var childId = await factory.WithDbAsync(db => db.Children.Where(c => c.FamilyId == account.FamilyId).Select(c => c.Id).SingleAsync());
        using var client = factory.NewClient();
        await client.SignInFamilyAsync(account.Email, account.Password);

        var saved = await client.SubmitAsync($"/famille/enfants/{childId}", new Dictionary<string, string>
        {
            ["Input.School"] = "École Jules Ferry",
            ["Input.ClassName"] = "CE1",
            ["Input.Diet"] = "NoPork",
            ["Input.HealthNote"] = "Allergie aux arachides, PAI signé",
            ["Input.Persons[0].Name"] = "Durand Josette",
            ["Input.Persons[0].Phone"] = "06.11.22.33.44",
            ["Input.Persons[0].Relationship"] = "Grand-mère",
            ["Input.Persons[0].MayPickUp"] = "true",
            ["Input.Persons[0].EmergencyContact"] = "true",
        });

        Assert.Equal("/famille", saved.Location);
        var child = await factory.WithDbAsync(db => db.Children.SingleAsync(c => c.Id == childId));
        Assert.Equal("École Jules Ferry", child.School);
        Assert.Equal("CE1", child.ClassName);
        Assert.Equal(PortailFamille.Domain.Families.Diet.NoPork, child.Diet);
        Assert.Equal("Allergie aux arachides, PAI signé", child.HealthNote);
        var person = Assert.Single(child.AuthorisedPersons);
        Assert.Equal("+33611223344", person.Phone);
        Assert.True(person.MayPickUp);
        var form = await client.GetAsync($"/famille/enfants/{childId}");
        Assert.Equal("06 11 22 33 44", ((AngleSharp.Html.Dom.IHtmlInputElement)form.Document.QuerySelector("#Input_Persons_0__Phone")!).Value);
        var history = await factory.WithDbAsync(db => db.AuditEntries.Where(e => e.SubjectId == account.FamilyId).Select(e => e.Description).ToListAsync());
        Assert.Contains(history, h => h.Contains("Régime alimentaire : « Sans régime particulier » → « Sans porc »", StringComparison.Ordinal));
    }

    [Fact]
    public async Task IncompleteAuthorisedPerson_IsRefused_AndNothingIsSaved()
    {
        var today = factory.Clock.Today;
        var account = await TestData.CreateFamilyAsync(factory, "Durand", ("Mila", today.AddYears(-7)));
        var childId = await factory.WithDbAsync(db => db.Children.Where(c => c.FamilyId == account.FamilyId).Select(c => c.Id).SingleAsync());
        using var client = factory.NewClient();
        await client.SignInFamilyAsync(account.Email, account.Password);

        var page = await client.SubmitAsync($"/famille/enfants/{childId}", new Dictionary<string, string>
        {
            ["Input.School"] = "École Jules Ferry",
            ["Input.Persons[0].Name"] = "Durand Josette",
            ["Input.Persons[0].Phone"] = "12",
        });

        Assert.Contains("Saisissez le téléphone de la personne autorisée (10 chiffres).", page.Errors);
        Assert.Contains("Indiquez le lien avec l'enfant (par exemple grand-mère, voisin).", page.Errors);
        Assert.Null(await factory.WithDbAsync(db => db.Children.Where(c => c.Id == childId).Select(c => c.School).SingleAsync()));
    }

    [Fact]
    public async Task AnotherFamilysChild_CannotBeSeenNorChanged()
    {
        var today = factory.Clock.Today;
        var owner = await TestData.CreateFamilyAsync(factory, "Proprio", ("Secret", today.AddYears(-5)));
        var childId = await factory.WithDbAsync(db => db.Children.Where(c => c.FamilyId == owner.FamilyId).Select(c => c.Id).SingleAsync());
        var intruder = await TestData.CreateFamilyAsync(factory, "Intrus");
        using var client = factory.NewClient();
        await client.SignInFamilyAsync(intruder.Email, intruder.Password);
        var ownForm = await client.GetAsync("/famille/enfants/nouveau");
        var token = ownForm.Document.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;

        var read = await client.GetAsync($"/famille/enfants/{childId}");
        var write = await client.PostAsync($"/famille/enfants/{childId}", [new("__RequestVerificationToken", token), new("Input.FirstName", "Piraté"), new("Input.LastName", "Piraté"), new("Input.BirthDate", "01/01/2020"), new("Input.Sex", "Male")]);

        Assert.Equal(HttpStatusCode.NotFound, read.Status);
        Assert.DoesNotContain("Secret", read.Text);
        Assert.Equal(HttpStatusCode.NotFound, write.Status);
        Assert.Equal("Secret", await factory.WithDbAsync(db => db.Children.Where(c => c.Id == childId).Select(c => c.FirstName).SingleAsync()));
    }

    [Fact]
    public async Task Staff_CannotOpenTheFamilyPages()
    {
        using var client = factory.NewClient();
        await client.SignInStaffAsync(Demo.AgentEmail, Demo.AgentPassword);

        foreach (var url in new[] { "/famille", "/famille/enfants/nouveau", "/famille/coordonnees", "/famille/coordonnees/modifier", "/famille/second-responsable" })
        {
            Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync(url)).Status);
        }
    }
}
