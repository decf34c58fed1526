using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using PortailFamille.Domain.Registrations;
using PortailFamille.Web.Tests.Infrastructure;

namespace PortailFamille.Web.Tests.Portal;

public sealed class SecurityTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    [Theory]
    [InlineData("/")]
    [InlineData("/gestion/connexion")]
    [InlineData("/page-qui-n-existe-pas")]
    public async Task EveryResponse_CarriesTheSecurityHeaders(string url)
    {
        using var client = factory.NewClient();

        var response = await client.Http.GetAsync(url);

        var csp = response.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("script-src 'self'", csp);
        Assert.DoesNotContain("unsafe-inline", csp);
        Assert.Contains("frame-ancestors 'none'", csp);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("strict-origin-when-cross-origin", response.Headers.GetValues("Referrer-Policy").Single());
        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
    }

    [Fact]
    public async Task Pages_HaveNoInlineScript()
    {
        using var client = factory.NewClient();
        var home = await client.GetAsync("/");
        await client.SignInFamilyAsync(Demo.FamilyEmail, Demo.FamilyPassword);
        var registration = await factory.WithDbAsync(async db =>
        {
            var familyId = await db.Users.Where(u => u.Email == Demo.FamilyEmail).Select(u => u.FamilyId).SingleAsync();
            return await db.Registrations.Where(r => r.FamilyId == familyId && r.Status == RegistrationStatus.Validated).Select(r => new { r.Id, r.ChildId }).FirstAsync();
        });

        // The two pages that do have scripts (the calendar's clicks, the registration form's lists),
        // so that "every script has a src" is checked on scripts, not on none.
        var calendar = await client.GetAsync($"/famille/reservations/{registration.Id:D}");
        var newRegistration = await client.GetAsync($"/famille/inscriptions/nouvelle?enfant={registration.ChildId:D}");

        foreach (var page in new[] { home, calendar, newRegistration })
        {
            Assert.Equal(HttpStatusCode.OK, page.Status);
            Assert.All(page.Document.QuerySelectorAll("script"), s => Assert.False(string.IsNullOrEmpty(s.GetAttribute("src")), page.Url));
            Assert.DoesNotContain(page.Document.All, e => e.Attributes.Any(a => a.Name.StartsWith("on", StringComparison.Ordinal)));
        }

        Assert.NotEmpty(calendar.Document.QuerySelectorAll("script"));
        Assert.NotEmpty(newRegistration.Document.QuerySelectorAll("script"));
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/gestion/connexion")]
    [InlineData("/mot-de-passe-oublie")]
    public async Task FormPost_WithoutAntiforgeryToken_IsRefused(string url)
    {
        using var client = factory.NewClient();

        var page = await client.PostAsync(url, [new("Input.Email", Demo.FamilyEmail), new("Input.Password", Demo.FamilyPassword), new("Email", Demo.FamilyEmail)]);

        Assert.Equal(HttpStatusCode.BadRequest, page.Status);
        Assert.Contains("Demande non valide", page.Text);
        Assert.Null(page.Location);
    }

    [Fact]
    public async Task SignOut_WithoutAntiforgeryToken_IsRefused()
    {
        using var client = factory.NewClient();
        await client.SignInFamilyAsync(Demo.FamilyEmail, Demo.FamilyPassword);

        var page = await client.PostAsync("/deconnexion", []);

        Assert.Equal(HttpStatusCode.BadRequest, page.Status);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/famille")).Status);
    }

    [Fact]
    public async Task SignInCookie_IsHttpOnly()
    {
        using var client = factory.NewClient();

        var page = await client.SignInFamilyAsync(Demo.FamilyEmail, Demo.FamilyPassword);

        var cookie = page.Response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("PortailFamille=", StringComparison.Ordinal));
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=lax", cookie, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Health_ReportsTheDatabase()
    {
        using var client = factory.NewClient();

        var response = await client.Http.GetAsync("/health");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("Healthy", json.RootElement.GetProperty("status").GetString());
        Assert.Equal("Healthy", json.RootElement.GetProperty("checks").GetProperty("database").GetProperty("status").GetString());
    }
}

/// <summary>A portal with the production-like limit of three sign-in posts a minute.</summary>
public sealed class StrictRateLimitFactory : PortalFactory
{
    protected override IDictionary<string, string?> ExtraSettings => new Dictionary<string, string?>
    {
        ["RateLimiting:SignInPerMinute"] = "3",
        ["RateLimiting:ForgotPasswordPerMinute"] = "2",
        ["RateLimiting:SignUpPerMinute"] = "2",
    };
}

public sealed class RateLimitTests(StrictRateLimitFactory factory) : IClassFixture<StrictRateLimitFactory>
{
    [Fact]
    public async Task SignIn_IsLimited_WithAFrenchPage()
    {
        using var client = factory.NewClient();
        for (var i = 0; i < 3; i++)
        {
            var allowed = await client.SignInFamilyAsync(TestData.UniqueEmail(), "Mauvais-Passe-2026!");
            Assert.Equal(HttpStatusCode.OK, allowed.Status);
        }

        var refused = await client.SignInFamilyAsync(TestData.UniqueEmail(), "Mauvais-Passe-2026!");

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.Status);
        Assert.Contains("Trop de tentatives", refused.Text);
    }

    [Fact]
    public async Task SignUpSending_IsLimited_ButNotItsSteps()
    {
        using var client = factory.NewClient();
        for (var i = 0; i < 5; i++)
        {
            Assert.NotEqual(HttpStatusCode.TooManyRequests, (await client.PostAsync("/inscription", [new("Command", "next")])).Status);
        }

        for (var i = 0; i < 2; i++)
        {
            Assert.NotEqual(HttpStatusCode.TooManyRequests, (await client.PostAsync("/inscription?envoi=1", [new("Command", "send")])).Status);
        }

        var refused = await client.PostAsync("/inscription?envoi=1", [new("Command", "send")]);

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.Status);
    }

    [Fact]
    public async Task ForgottenPassword_IsLimited()
    {
        using var client = factory.NewClient();
        for (var i = 0; i < 2; i++)
        {
            await client.SubmitAsync("/mot-de-passe-oublie", new Dictionary<string, string> { ["Email"] = TestData.UniqueEmail() });
        }

        var refused = await client.SubmitAsync("/mot-de-passe-oublie", new Dictionary<string, string> { ["Email"] = TestData.UniqueEmail() });

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.Status);
    }
}
