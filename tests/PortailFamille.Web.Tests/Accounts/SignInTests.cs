using System.Net;
using PortailFamille.Web.Tests.Infrastructure;

namespace PortailFamille.Web.Tests.Accounts;

public sealed class SignInTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task Family_WithRightPassword_LandsOnItsSpace()
    {
        using var client = factory.NewClient();

        var page = await client.SignInFamilyAsync(Demo.FamilyEmail, Demo.FamilyPassword);

        Assert.Equal(HttpStatusCode.Redirect, page.Status);
        Assert.Equal("/famille", page.Location);
        var space = await client.GetAsync("/famille");
        Assert.Equal(HttpStatusCode.OK, space.Status);
        Assert.Contains("Famille : MARTIN Sophie", space.Text);
        Assert.Contains("Age : 8 an(s)", space.Text);
        Assert.Contains("Age : 4 an(s)", space.Text);
    }

    [Fact]
    public async Task Family_EmailIsNotCaseSensitive()
    {
        using var client = factory.NewClient();

        var page = await client.SignInFamilyAsync("  Famille@Portail.EXAMPLE ", Demo.FamilyPassword);

        Assert.Equal("/famille", page.Location);
    }

    [Fact]
    public async Task WrongPassword_IsRefused_WithTheSameMessageAsAnUnknownEmail()
    {
        using var client = factory.NewClient();
        var account = await TestData.CreateFamilyAsync(factory);

        var wrongPassword = await client.SignInFamilyAsync(account.Email, "Pas-le-bon-2026!");
        var unknownEmail = await client.SignInFamilyAsync(TestData.UniqueEmail(), "Pas-le-bon-2026!");

        Assert.Equal(HttpStatusCode.OK, wrongPassword.Status);
        Assert.Contains("Identifiant ou mot de passe incorrect.", wrongPassword.Errors);
        Assert.Equal(wrongPassword.Errors, unknownEmail.Errors);
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/famille")).Status);
    }

    [Fact]
    public async Task EmptyFields_GetFrenchMessages()
    {
        using var client = factory.NewClient();

        var page = await client.SignInFamilyAsync("", "");

        Assert.Contains("Saisissez votre identifiant (votre adresse email).", page.Errors);
        Assert.Contains("Saisissez votre mot de passe.", page.Errors);
    }

    [Fact]
    public async Task StaffAccount_CannotSignInOnTheFamilyPage_AndFamilyCannotSignInToTheBackOffice()
    {
        using var client = factory.NewClient();

        var staffOnPortal = await client.SignInFamilyAsync(Demo.AgentEmail, Demo.AgentPassword);
        var familyOnBackOffice = await client.SignInStaffAsync(Demo.FamilyEmail, Demo.FamilyPassword);

        Assert.Contains("Identifiant ou mot de passe incorrect.", staffOnPortal.Errors);
        Assert.Contains("Identifiant ou mot de passe incorrect.", familyOnBackOffice.Errors);
    }

    [Fact]
    public async Task Agent_SignsInToTheBackOffice()
    {
        using var client = factory.NewClient();

        var page = await client.SignInStaffAsync(Demo.AgentEmail, Demo.AgentPassword);

        Assert.Equal("/gestion", page.Location);
        var dashboard = await client.GetAsync("/gestion");
        Assert.Equal(HttpStatusCode.OK, dashboard.Status);
        Assert.Contains("Tableau de bord", dashboard.Text);
    }

    [Fact]
    public async Task ReturnUrl_IsFollowed_ButNeverToAnotherSite()
    {
        using var client = factory.NewClient();
        var account = await TestData.CreateFamilyAsync(factory);

        var outside = await client.SubmitAsync("/?ReturnUrl=https%3A%2F%2Fpirate.example%2F", new Dictionary<string, string>
        {
            ["Input.Email"] = account.Email,
            ["Input.Password"] = account.Password,
        });

        Assert.Equal("/famille", outside.Location);
    }

    [Fact]
    public async Task AnonymousVisitor_IsSentToTheRightSignInPage()
    {
        using var client = factory.NewClient();

        var family = await client.GetAsync("/famille");
        var backOffice = await client.GetAsync("/gestion/familles");

        Assert.Equal("/?ReturnUrl=%2Ffamille", family.Location);
        Assert.Equal("/gestion/connexion?ReturnUrl=%2Fgestion%2Ffamilles", backOffice.Location);
    }

    [Fact]
    public async Task SignOut_EndsTheSession()
    {
        using var client = factory.NewClient();
        var account = await TestData.CreateFamilyAsync(factory);
        await client.SignInFamilyAsync(account.Email, account.Password);
        var space = await client.GetAsync("/famille");

        var signedOut = await client.SubmitAsync(space, new Dictionary<string, string>(), "form[action='/deconnexion']");

        Assert.Equal("/", signedOut.Location);
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/famille")).Status);
    }

    [Fact]
    public async Task SignOut_ByGet_DoesNothing()
    {
        using var client = factory.NewClient();
        var account = await TestData.CreateFamilyAsync(factory);
        await client.SignInFamilyAsync(account.Email, account.Password);

        await client.GetAsync("/deconnexion");

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/famille")).Status);
    }
}
