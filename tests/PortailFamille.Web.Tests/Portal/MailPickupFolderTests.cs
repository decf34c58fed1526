using MimeKit;
using PortailFamille.Web.Tests.Infrastructure;

namespace PortailFamille.Web.Tests.Portal;

/// <summary>A portal without a mail server: every message is written as an .eml file.</summary>
public sealed class NoSmtpFactory : PortalFactory
{
    protected override IDictionary<string, string?> ExtraSettings => new Dictionary<string, string?> { ["Mail:Smtp:Host"] = "" };
}

public sealed class MailPickupFolderTests(NoSmtpFactory factory) : IClassFixture<NoSmtpFactory>
{
    [Fact]
    public async Task WithoutSmtp_TheMessageIsWrittenAsAnEmlFile_InFrenchWithBothParts()
    {
        var account = await TestData.CreateFamilyAsync(factory);
        using var client = factory.NewClient();

        await client.SubmitAsync("/mot-de-passe-oublie", new Dictionary<string, string> { ["Email"] = account.Email });

        MimeMessage? message = null;
        for (var i = 0; i < 100 && message is null; i++)
        {
            foreach (var file in Directory.Exists(factory.MailFolder) ? Directory.GetFiles(factory.MailFolder, "*.eml") : [])
            {
                var candidate = await MimeMessage.LoadAsync(file);
                if (candidate.To.Mailboxes.Any(m => m.Address == account.Email))
                {
                    message = candidate;
                }
            }

            if (message is null)
            {
                await Task.Delay(100);
            }
        }

        Assert.NotNull(message);
        Assert.Equal("Réinitialisation de votre mot de passe - Mairie de Beaulieu-les-Sagnes", message.Subject);
        Assert.Contains("Mairie de Beaulieu-les-Sagnes", message.From.ToString());
        Assert.Contains("/reinitialiser-mot-de-passe?", message.TextBody);
        Assert.Contains("<a href=", message.HtmlBody);
        Assert.Empty(factory.Smtp.Received);
    }
}
