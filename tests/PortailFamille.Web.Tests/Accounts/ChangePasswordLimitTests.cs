using System.Net;
using PortailFamille.Web.Tests.Infrastructure;

namespace PortailFamille.Web.Tests.Accounts;

public sealed class ChangePasswordLimitFactory : PortalFactory
{
    protected override IDictionary<string, string?> ExtraSettings => new Dictionary<string, string?>
    {
        ["RateLimiting:ChangePasswordPerMinute"] = "2",
    };
}

public sealed class ChangePasswordLimitTests(ChangePasswordLimitFactory factory) : IClassFixture<ChangePasswordLimitFactory>
{
    [Fact]
    public async Task ChangePassword_IsRateLimited()
    {
        var account = await TestData.CreateFamilyAsync(factory);
        using var client = factory.NewClient();
        await client.SignInFamilyAsync(account.Email, account.Password);
        var form = new Dictionary<string, string>
        {
            ["CurrentPassword"] = "Pas-le-bon-2026!",
            ["NewPassword.Password"] = "Changement-2026-ok!",
            ["NewPassword.Confirmation"] = "Changement-2026-ok!",
        };

        for (var i = 0; i < 2; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await client.SubmitAsync("/compte/mot-de-passe", form)).Status);
        }

        var refused = await client.SubmitAsync("/compte/mot-de-passe", form);

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.Status);
        Assert.Contains("Trop de tentatives", refused.Text);
    }
}
