using System.Net;
using PortailFamille.Web.Tests.Infrastructure;

namespace PortailFamille.Web.Tests.Accounts;

public sealed class ChangePasswordTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private static Dictionary<string, string> Form(string current, string password, string? confirmation = null) => new()
    {
        ["CurrentPassword"] = current,
        ["NewPassword.Password"] = password,
        ["NewPassword.Confirmation"] = confirmation ?? password,
    };

    [Fact]
    public async Task Family_ChangesItsPassword_WithTheCurrentOne()
    {
        var account = await TestData.CreateFamilyAsync(factory);
        using var client = factory.NewClient();
        await client.SignInFamilyAsync(account.Email, account.Password);

        var saved = await client.SubmitAsync("/compte/mot-de-passe", Form(account.Password, "Changement-2026-ok!"));

        Assert.Equal(HttpStatusCode.Redirect, saved.Status);
        Assert.Contains("Votre mot de passe a été modifié.", (await client.FollowAsync(saved)).Text);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/famille")).Status);
        using var other = factory.NewClient();
        Assert.Contains("Identifiant ou mot de passe incorrect.", (await other.SignInFamilyAsync(account.Email, account.Password)).Errors);
        Assert.Equal("/famille", (await other.SignInFamilyAsync(account.Email, "Changement-2026-ok!")).Location);
        await factory.Smtp.WaitForMessageAsync(account.Email, m => m.Subject != null && m.Subject.StartsWith("Votre mot de passe a été modifié", StringComparison.Ordinal));
    }

    [Fact]
    public async Task WrongCurrentPassword_IsRefused_AndNothingChanges()
    {
        var account = await TestData.CreateFamilyAsync(factory);
        using var client = factory.NewClient();
        await client.SignInFamilyAsync(account.Email, account.Password);

        var page = await client.SubmitAsync("/compte/mot-de-passe", Form("Pas-le-bon-2026!", "Changement-2026-ok!"));

        Assert.Contains("Le mot de passe actuel est incorrect.", page.Errors);
        using var other = factory.NewClient();
        Assert.Equal("/famille", (await other.SignInFamilyAsync(account.Email, account.Password)).Location);
    }

    [Fact]
    public async Task WrongCurrentPassword_CountsTowardsTheLockout()
    {
        var account = await TestData.CreateFamilyAsync(factory);
        using var client = factory.NewClient();
        await client.SignInFamilyAsync(account.Email, account.Password);

        HtmlPage page = null!;
        for (var i = 0; i < 5; i++)
        {
            page = await client.SubmitAsync("/compte/mot-de-passe", Form("Pas-le-bon-2026!", "Changement-2026-ok!"));
        }

        var rightOne = await client.SubmitAsync("/compte/mot-de-passe", Form(account.Password, "Changement-2026-ok!"));

        Assert.Contains(page.Errors, e => e.StartsWith("Votre compte est bloqué", StringComparison.Ordinal));
        Assert.Contains(rightOne.Errors, e => e.StartsWith("Votre compte est bloqué", StringComparison.Ordinal));
        using var other = factory.NewClient();
        Assert.Contains((await other.SignInFamilyAsync(account.Email, account.Password)).Errors, e => e.StartsWith("Votre compte est bloqué", StringComparison.Ordinal));
    }

    [Fact]
    public async Task MissingCurrentPassword_IsRefused()
    {
        var account = await TestData.CreateFamilyAsync(factory);
        using var client = factory.NewClient();
        await client.SignInFamilyAsync(account.Email, account.Password);

        var page = await client.SubmitAsync("/compte/mot-de-passe", Form("", "Changement-2026-ok!"));

        Assert.Contains("Saisissez votre mot de passe actuel.", page.Errors);
    }

    [Fact]
    public async Task Anonymous_IsSentToSignIn()
    {
        using var client = factory.NewClient();

        var page = await client.GetAsync("/compte/mot-de-passe");

        Assert.Equal(HttpStatusCode.Redirect, page.Status);
    }
}
