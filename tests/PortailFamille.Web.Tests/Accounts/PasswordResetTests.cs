using System.Net;
using PortailFamille.Web.Tests.Infrastructure;

namespace PortailFamille.Web.Tests.Accounts;

public sealed class PasswordResetTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private static Dictionary<string, string> NewPassword(string password, string? confirmation = null) => new()
    {
        ["NewPassword.Password"] = password,
        ["NewPassword.Confirmation"] = confirmation ?? password,
    };

    [Fact]
    public async Task ForgottenPassword_EndToEnd_WithTheLinkFromTheEmail()
    {
        using var client = factory.NewClient();
        var account = await TestData.CreateFamilyAsync(factory);

        var asked = await client.SubmitAsync("/mot-de-passe-oublie", new Dictionary<string, string> { ["Email"] = account.Email });
        Assert.Contains("un email vient de lui être envoyé", asked.Text);

        var mail = await factory.Smtp.WaitForMessageAsync(account.Email, m => m.Subject != null && m.Subject.StartsWith("Réinitialisation", StringComparison.Ordinal));
        Assert.Contains("Mairie de Beaulieu-les-Sagnes", mail.Subject);
        Assert.Contains("valable 1 heure", mail.TextBody);
        Assert.NotNull(mail.HtmlBody);
        var link = mail.PortalLink();
        Assert.StartsWith("/reinitialiser-mot-de-passe?", link);

        var reset = await client.SubmitAsync(link, NewPassword("Nouveau-Passe-2026!"));
        Assert.Equal("/", reset.Location);

        var oldPassword = await client.SignInFamilyAsync(account.Email, account.Password);
        Assert.Contains("Identifiant ou mot de passe incorrect.", oldPassword.Errors);
        var newPassword = await client.SignInFamilyAsync(account.Email, "Nouveau-Passe-2026!");
        Assert.Equal("/famille", newPassword.Location);

        // The link served once: it is dead now.
        var again = await client.GetAsync(link);
        Assert.Contains("Ce lien n'est plus valable", again.Text);
        var reused = await client.PostAsync(link, [new("NewPassword.Password", "Encore-Autre-2026!"), new("NewPassword.Confirmation", "Encore-Autre-2026!")]);
        Assert.NotEqual(HttpStatusCode.Redirect, reused.Status);

        await factory.Smtp.WaitForMessageAsync(account.Email, m => m.Subject != null && m.Subject.StartsWith("Votre mot de passe a été modifié", StringComparison.Ordinal));
    }

    [Fact]
    public async Task UnknownAddress_GetsTheSameAnswer_AndNoEmail()
    {
        using var client = factory.NewClient();
        var account = await TestData.CreateFamilyAsync(factory);
        var unknown = TestData.UniqueEmail();

        var known = await client.SubmitAsync("/mot-de-passe-oublie", new Dictionary<string, string> { ["Email"] = account.Email });
        var notKnown = await client.SubmitAsync("/mot-de-passe-oublie", new Dictionary<string, string> { ["Email"] = unknown });

        Assert.Equal(HttpStatusCode.OK, notKnown.Status);
        Assert.Equal(
            known.Document.QuerySelector("[role=status]")!.TextContent.Replace(account.Email, "ADRESSE", StringComparison.Ordinal),
            notKnown.Document.QuerySelector("[role=status]")!.TextContent.Replace(unknown, "ADRESSE", StringComparison.Ordinal));
        Assert.Single(await factory.QueuedMailsToAsync(account.Email));
        Assert.Empty(await factory.QueuedMailsToAsync(unknown));
    }

    [Fact]
    public async Task InvalidAddress_GetsAFrenchMessage()
    {
        using var client = factory.NewClient();

        var page = await client.SubmitAsync("/mot-de-passe-oublie", new Dictionary<string, string> { ["Email"] = "pas-une-adresse" });

        Assert.Contains("Saisissez une adresse email valide, par exemple nom@exemple.fr.", page.Errors);
    }

    [Fact]
    public async Task ForgedToken_IsRefused()
    {
        using var client = factory.NewClient();
        var account = await TestData.CreateFamilyAsync(factory);

        var page = await client.GetAsync($"/reinitialiser-mot-de-passe?utilisateur={account.UserId}&jeton=faux");

        Assert.Contains("Ce lien n'est plus valable", page.Text);
        Assert.Null(page.Document.QuerySelector("main form"));
    }

    [Fact]
    public async Task WeakOrMismatchedPassword_IsRefused_AndTheLinkStillWorks()
    {
        using var client = factory.NewClient();
        var account = await TestData.CreateFamilyAsync(factory);
        await client.SubmitAsync("/mot-de-passe-oublie", new Dictionary<string, string> { ["Email"] = account.Email });
        var link = (await factory.Smtp.WaitForMessageAsync(account.Email)).PortalLink();

        var weak = await client.SubmitAsync(link, NewPassword("court"));
        var mismatch = await client.SubmitAsync(link, NewPassword("Nouveau-Passe-2026!", "Autre-Passe-2026!"));
        var good = await client.SubmitAsync(link, NewPassword("Nouveau-Passe-2026!"));

        Assert.Contains("Le mot de passe doit contenir au moins 12 caractères.", weak.Errors);
        Assert.Contains("Les deux mots de passe saisis ne sont pas identiques.", mismatch.Errors);
        Assert.Equal("/", good.Location);
    }
}
