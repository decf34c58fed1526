using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using PortailFamille.Web.Features.Accounts;
using PortailFamille.Web.Features.Accounts.Sessions;
using PortailFamille.Web.Tests.Infrastructure;

namespace PortailFamille.Web.Tests.Accounts;

/// <summary>Sessions are kept by the portal: ending one refuses its cookie at once, wherever it was copied.</summary>
public sealed class SessionTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private const string Firefox = "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0";

    private static Dictionary<string, string> PasswordForm(string current, string password) => new()
    {
        ["CurrentPassword"] = current,
        ["NewPassword.Password"] = password,
        ["NewPassword.Confirmation"] = password,
    };

    /// <summary>Signs in and returns the sign-in cookie as a browser would send it.</summary>
    private static async Task<string> SignInAsync(PortalClient client, TestAccount account)
    {
        var signedIn = await client.SignInFamilyAsync(account.Email, account.Password);
        Assert.Equal("/famille", signedIn.Location);
        return signedIn.Response.Headers.GetValues("Set-Cookie")
            .Select(c => c.Split(';')[0])
            .Single(c => c.StartsWith("PortailFamille=", StringComparison.Ordinal));
    }

    /// <summary>What a copy of the cookie, sent from elsewhere, gets on /famille.</summary>
    private async Task<HttpStatusCode> FamilyPageWithAsync(string cookie)
    {
        using var thief = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        using var request = new HttpRequestMessage(HttpMethod.Get, "/famille");
        request.Headers.Add("Cookie", cookie);
        using var response = await thief.SendAsync(request);
        return response.StatusCode;
    }

    private Task<int> SessionsOfAsync(TestAccount account) =>
        factory.WithDbAsync(db => db.UserSessions.CountAsync(s => s.UserId == account.UserId));

    [Fact]
    public async Task SigningOut_EndsTheSession_ACopiedCookieNoLongerOpensTheFamilySpace()
    {
        var account = await TestData.CreateFamilyAsync(factory);
        using var client = factory.NewClient();
        var cookie = await SignInAsync(client, account);
        Assert.Equal(HttpStatusCode.OK, await FamilyPageWithAsync(cookie));
        Assert.Equal(1, await SessionsOfAsync(account));

        var space = await client.GetAsync("/famille");
        await client.SubmitAsync(space, new Dictionary<string, string>(), "form[action='/deconnexion']");

        Assert.Equal(HttpStatusCode.Redirect, await FamilyPageWithAsync(cookie));
        Assert.Equal(0, await SessionsOfAsync(account));
    }

    /// <summary>The sign-in cookie a sign-in's answer sets, as a browser would send it back.</summary>
    private static string CookieOf(HtmlPage signedIn) =>
        signedIn.Response.Headers.GetValues("Set-Cookie")
            .Select(c => c.Split(';')[0])
            .Single(c => c.StartsWith("PortailFamille=", StringComparison.Ordinal));

    /// <summary>What a copy of a cookie gets on a page, from a client of its own.</summary>
    private async Task<HttpStatusCode> PageWithAsync(string path, string cookie)
    {
        using var copy = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("Cookie", cookie);
        using var response = await copy.SendAsync(request);
        return response.StatusCode;
    }

    [Fact]
    public async Task AFamilyDeactivatedByAnAgent_LosesItsOpenSessionsAtOnce()
    {
        var account = await TestData.CreateFamilyAsync(factory);
        using var client = factory.NewClient();
        var cookie = await SignInAsync(client, account);
        Assert.Equal(HttpStatusCode.OK, await FamilyPageWithAsync(cookie));

        using var agent = factory.NewClient();
        await agent.SignInStaffAsync(Demo.AgentEmail, Demo.AgentPassword);
        var closed = await agent.SubmitAsync($"/gestion/familles/{account.FamilyId}", new Dictionary<string, string>(), "form[action*='handler=Deactivate']");

        Assert.Equal(HttpStatusCode.Redirect, closed.Status);
        Assert.Equal(HttpStatusCode.Redirect, await FamilyPageWithAsync(cookie));
        Assert.Equal(0, await SessionsOfAsync(account));
    }

    [Theory]
    [InlineData("Role")]
    [InlineData("Disable")]
    public async Task AStaffMemberReRoledOrDisabled_LosesTheirOpenSessionsAtOnce(string handler)
    {
        var member = await TestData.CreateStaffAsync(factory, Roles.Agent);
        using var client = factory.NewClient();
        var cookie = CookieOf(await client.SignInStaffAsync(member.Email, member.Password));
        Assert.Equal(HttpStatusCode.OK, await PageWithAsync("/gestion", cookie));

        using var admin = factory.NewClient();
        await admin.SignInStaffAsync(Demo.AdminEmail, Demo.AdminPassword);
        var values = handler == "Role" ? new Dictionary<string, string> { ["Role"] = "Administrator" } : new Dictionary<string, string>();
        var saved = await admin.SubmitAsync($"/gestion/personnel/{member.UserId}", values, $"form[action*='handler={handler}']");

        Assert.Equal(HttpStatusCode.Redirect, saved.Status);
        Assert.Equal(HttpStatusCode.Redirect, await PageWithAsync("/gestion", cookie));
        Assert.Equal(0, await SessionsOfAsync(member));
    }

    [Fact]
    public async Task PasswordChange_EndsTheOtherSessions_AndKeepsThisOne()
    {
        var account = await TestData.CreateFamilyAsync(factory);
        using var other = factory.NewClient();
        var otherCookie = await SignInAsync(other, account);
        using var client = factory.NewClient();
        await SignInAsync(client, account);

        var changed = await client.SubmitAsync("/compte/mot-de-passe", PasswordForm(account.Password, "Changement-Sessions-2026!"));

        Assert.Equal(HttpStatusCode.Redirect, changed.Status);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/famille")).Status);
        Assert.Equal(HttpStatusCode.Redirect, await FamilyPageWithAsync(otherCookie));
        Assert.Equal(1, await SessionsOfAsync(account));
    }

    [Fact]
    public async Task PasswordReset_EndsEverySession()
    {
        var account = await TestData.CreateFamilyAsync(factory);
        using var client = factory.NewClient();
        var cookie = await SignInAsync(client, account);

        using var anonymous = factory.NewClient();
        await anonymous.SubmitAsync("/mot-de-passe-oublie", new Dictionary<string, string> { ["Email"] = account.Email });
        var mail = await factory.Smtp.WaitForMessageAsync(account.Email, m => m.Subject?.StartsWith("Réinitialisation", StringComparison.Ordinal) == true);
        var reset = await anonymous.SubmitAsync(mail.PortalLink(), new Dictionary<string, string>
        {
            ["NewPassword.Password"] = "Reinitialise-2026-ok!",
            ["NewPassword.Confirmation"] = "Reinitialise-2026-ok!",
        });

        Assert.Equal("/", reset.Location);
        Assert.Equal(HttpStatusCode.Redirect, await FamilyPageWithAsync(cookie));
        Assert.Equal(0, await SessionsOfAsync(account));
    }

    [Fact]
    public async Task MySessions_ListsTheOpenSessions_AndEndsOne()
    {
        var account = await TestData.CreateFamilyAsync(factory);
        using var phone = factory.NewClient();
        phone.Http.DefaultRequestHeaders.UserAgent.ParseAdd(Firefox);
        var phoneCookie = await SignInAsync(phone, account);
        using var client = factory.NewClient();
        await SignInAsync(client, account);

        var page = await client.GetAsync("/compte/sessions");

        Assert.Equal(HttpStatusCode.OK, page.Status);
        var rows = page.Document.QuerySelectorAll("tbody tr");
        Assert.Equal(2, rows.Length);
        Assert.Contains("(cette session)", rows[0].TextContent);
        Assert.Contains("Firefox sur Windows", rows[1].TextContent);
        Assert.Contains(factory.Clock.Now.ToString("dd/MM/yyyy", System.Globalization.CultureInfo.InvariantCulture), rows[1].TextContent);

        var ended = await client.PressAsync(page, "Fermer cette session : Firefox sur Windows, ouverte le " + rows[1].QuerySelectorAll("td")[1].TextContent.Trim());

        Assert.Equal(HttpStatusCode.Redirect, ended.Status);
        Assert.Contains("La session a été fermée.", (await client.FollowAsync(ended)).Text);
        Assert.Equal(HttpStatusCode.Redirect, await FamilyPageWithAsync(phoneCookie));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/famille")).Status);
    }

    [Fact]
    public async Task SignOutEverywhere_EndsEverySession()
    {
        var account = await TestData.CreateFamilyAsync(factory);
        using var other = factory.NewClient();
        var otherCookie = await SignInAsync(other, account);
        using var client = factory.NewClient();
        var cookie = await SignInAsync(client, account);

        var signedOut = await client.PressAsync(await client.GetAsync("/compte/sessions"), "Se déconnecter partout");

        Assert.Equal("/", signedOut.Location);
        Assert.Equal(HttpStatusCode.Redirect, await FamilyPageWithAsync(otherCookie));
        Assert.Equal(HttpStatusCode.Redirect, await FamilyPageWithAsync(cookie));
        Assert.Equal(0, await SessionsOfAsync(account));
    }

    [Fact]
    public async Task Staff_SeeTheirSessionsToo_AndCannotEndAnotherAccountsSession()
    {
        var family = await TestData.CreateFamilyAsync(factory);
        using var familyClient = factory.NewClient();
        var familyCookie = await SignInAsync(familyClient, family);
        var familySession = await factory.WithDbAsync(db => db.UserSessions.Where(s => s.UserId == family.UserId).Select(s => s.Id).SingleAsync());
        var agent = await TestData.CreateStaffAsync(factory, Features.Accounts.Roles.Agent);
        using var staff = factory.NewClient();
        Assert.Equal("/gestion", (await staff.SignInStaffAsync(agent.Email, agent.Password)).Location);

        var page = await staff.GetAsync("/compte/sessions");
        var ownButton = page.Document.QuerySelector("tbody button")!.TextContent.Trim();
        Assert.StartsWith("Me déconnecter", ownButton, StringComparison.Ordinal);
        var tried = await staff.PressAsync(page, ownButton, new Dictionary<string, string> { ["session"] = familySession.ToString() });

        Assert.Equal(HttpStatusCode.Redirect, tried.Status);
        Assert.Equal(HttpStatusCode.OK, await FamilyPageWithAsync(familyCookie));
    }

    [Fact]
    public async Task ExpiredSessions_ArePurged_AndRefused()
    {
        var account = await TestData.CreateFamilyAsync(factory);
        using var client = factory.NewClient();
        var cookie = await SignInAsync(client, account);
        await factory.WithDbAsync(db => db.UserSessions.Where(s => s.UserId == account.UserId)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.ExpiresAt, factory.Clock.UtcNow.AddMinutes(-1))));

        Assert.Equal(HttpStatusCode.Redirect, await FamilyPageWithAsync(cookie));
        using var next = factory.NewClient();
        await SignInAsync(next, await TestData.CreateFamilyAsync(factory));

        Assert.Equal(0, await SessionsOfAsync(account));
    }

    [Theory]
    [InlineData("Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Mobile Safari/537.36", "Chrome sur Android")]
    [InlineData("Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1", "Safari sur iPhone")]
    [InlineData("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36 Edg/131.0", "Edge sur Windows")]
    [InlineData(Firefox, "Firefox sur Windows")]
    [InlineData("", "Navigateur inconnu")]
    public void BrowserDescription_NamesCommonBrowsers(string userAgent, string expected) =>
        Assert.Equal(expected, BrowserDescription.Of(userAgent));
}
