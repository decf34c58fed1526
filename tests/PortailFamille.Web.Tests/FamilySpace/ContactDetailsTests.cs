using System.Net;
using Microsoft.EntityFrameworkCore;
using PortailFamille.Web.Tests.Infrastructure;

namespace PortailFamille.Web.Tests.FamilySpace;

public sealed class ContactDetailsTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private static Dictionary<string, string> Valid() => new()
    {
        ["Input.Street"] = "3 rue de la Mairie",
        ["Input.PostalCode"] = "38 860",
        ["Input.Town"] = "Beaulieu-les-Sagnes",
        ["Input.HomePhone"] = "04.76.55.66.77",
        ["Input.MobilePhone1"] = "+33 6 12 34 56 78",
        ["Input.MobilePhone2"] = "",
        ["Input.WorkPhone1"] = "",
        ["Input.WorkPhone2"] = "",
        ["Input.BeneficiaryName"] = "Durand Alice",
        ["Input.BenefitScheme"] = "General",
        ["Input.BeneficiaryNumber"] = "7654321",
    };

    [Fact]
    public async Task MesCoordonnees_ShowsEveryField_AndTheEmailNote()
    {
        using var client = factory.NewClient();
        await client.SignInFamilyAsync(Demo.FamilyEmail, Demo.FamilyPassword);

        var page = await client.GetAsync("/famille/coordonnees");

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Contains("Responsable du foyer : MARTIN Sophie", page.Text);
        Assert.Contains("Adresse : 12 chemin des Écoles 38860 BEAULIEU-LES-SAGNES", page.Text);
        var labels = page.Document.QuerySelectorAll("dt").Select(d => d.TextContent.Replace("*", "", StringComparison.Ordinal).Trim()).ToList();
        Assert.Equal(["Email", "Tél domicile", "Portable Parent 1", "Portable Parent 2", "Tél travail parent 1", "Tél travail parent 2", "Nom de l'allocataire", "Régime allocataire", "Numéro allocataire"], labels);
        Assert.Contains("04 76 11 22 33", page.Text);
        Assert.Contains("Régime général", page.Text);
        Assert.Contains("* La modification du mail doit se faire directement à la structure.", page.Text);
        Assert.NotNull(page.Document.QuerySelector("a[href='/famille/coordonnees/modifier']"));
        Assert.Contains("Consulter / Modifier mes coordonnées", page.Text);
    }

    [Fact]
    public async Task Family_UpdatesItsCoordonnees_PhonesNormalised_AndHistoryKept()
    {
        var account = await TestData.CreateFamilyAsync(factory);
        using var client = factory.NewClient();
        await client.SignInFamilyAsync(account.Email, account.Password);

        var saved = await client.SubmitAsync("/famille/coordonnees/modifier", Valid());

        Assert.Equal("/famille/coordonnees", saved.Location);
        var family = await factory.WithDbAsync(db => db.Families.SingleAsync(f => f.Id == account.FamilyId));
        Assert.Equal("38860", family.Contact!.PostalCode);
        Assert.Equal("BEAULIEU-LES-SAGNES", family.Contact.Town);
        Assert.Equal("+33476556677", family.Contact.HomePhone);
        Assert.Equal("+33612345678", family.Contact.MobilePhone1);
        var page = await client.FollowAsync(saved);
        Assert.Contains("Vos coordonnées sont enregistrées.", page.Text);
        Assert.Contains("04 76 55 66 77", page.Text);
        var history = await factory.WithDbAsync(db => db.AuditEntries.Where(e => e.SubjectId == account.FamilyId).Select(e => e.Description).ToListAsync());
        Assert.Contains(history, h => h.Contains("Tél domicile : (vide) → « 04 76 55 66 77 »", StringComparison.Ordinal));
    }

    [Fact]
    public async Task WrongValues_AreRefusedInFrench_AndNothingChanges()
    {
        var account = await TestData.CreateFamilyAsync(factory);
        using var client = factory.NewClient();
        await client.SignInFamilyAsync(account.Email, account.Password);
        await client.SubmitAsync("/famille/coordonnees/modifier", Valid());
        var form = Valid();
        form["Input.PostalCode"] = "3886";
        form["Input.HomePhone"] = "";
        form["Input.MobilePhone1"] = "";
        form["Input.WorkPhone1"] = "12 34";
        form["Input.BeneficiaryNumber"] = "ABC";

        var page = await client.SubmitAsync("/famille/coordonnees/modifier", form);

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Contains("Le code postal doit comporter 5 chiffres, par exemple 38860.", page.Errors);
        Assert.Contains("Indiquez au moins un numéro (domicile ou portable) où joindre la famille.", page.Errors);
        Assert.Contains("Tél travail parent 1 : saisissez un numéro à 10 chiffres, par exemple 06 12 34 56 78.", page.Errors);
        Assert.Contains("Le numéro allocataire CAF comporte de 1 à 8 chiffres.", page.Errors);
        var family = await factory.WithDbAsync(db => db.Families.SingleAsync(f => f.Id == account.FamilyId));
        Assert.Equal("38860", family.Contact!.PostalCode);
        Assert.Equal("+33476556677", family.Contact.HomePhone);
    }

    [Fact]
    public async Task TheEmail_CannotBeChangedByTheFamily()
    {
        var account = await TestData.CreateFamilyAsync(factory);
        using var client = factory.NewClient();
        await client.SignInFamilyAsync(account.Email, account.Password);

        var form = await client.GetAsync("/famille/coordonnees/modifier");
        var email = (AngleSharp.Html.Dom.IHtmlInputElement)form.Document.QuerySelector("#email-identifiant")!;
        var values = Valid();
        values["Email"] = "pirate@test.example";
        values["Input.Email"] = "pirate@test.example";
        await client.SubmitAsync(form, values);

        Assert.True(email.IsReadOnly);
        Assert.Null(email.GetAttribute("name"));
        Assert.Equal(account.Email, await factory.WithDbAsync(db => db.Guardians.Where(g => g.FamilyId == account.FamilyId).Select(g => g.Email).SingleAsync()));
        Assert.Equal("/famille", (await factory.NewClient().SignInFamilyAsync(account.Email, account.Password)).Location);
    }
}
