using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.EntityFrameworkCore;
using PortailFamille.Web.Tests.Infrastructure;

namespace PortailFamille.Web.Tests.Accounts;

/// <summary>Where a factory's data-protection keys are: its folder on SQLite, the database on PostgreSQL.</summary>
internal static class KeyStore
{
    public static async Task<IReadOnlyList<string>> XmlAsync(PortalFactory factory)
    {
        if (PortalFactory.OnPostgres)
        {
            return await factory.WithDbAsync(async db => (IReadOnlyList<string>)await db.DataProtectionKeys.Select(k => k.Xml!).ToListAsync());
        }

        var folder = Path.Combine(Path.GetDirectoryName(factory.MailFolder)!, "keys");
        return Directory.Exists(folder) ? [.. Directory.GetFiles(folder, "*.xml").Select(File.ReadAllText)] : [];
    }

    public static async Task<int> CountAsync(PortalFactory factory) => (await XmlAsync(factory)).Count;
}

/// <summary>The portal given a certificate to encrypt its data-protection keys.</summary>
public sealed class CertificateKeysFactory : PortalFactory
{
    private readonly string _certificate = Path.Combine(Path.GetTempPath(), $"portail-cle-{Guid.NewGuid():N}.pfx");

    public CertificateKeysFactory()
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=Portail Famille clés", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
        File.WriteAllBytes(_certificate, certificate.Export(X509ContentType.Pfx, "mot-de-passe-du-certificat"));
    }

    protected override IDictionary<string, string?> ExtraSettings => new Dictionary<string, string?>
    {
        ["DataProtection:Certificate:Path"] = _certificate,
        ["DataProtection:Certificate:Password"] = "mot-de-passe-du-certificat",
    };
}

public sealed class CertificateKeysTests(CertificateKeysFactory factory) : IClassFixture<CertificateKeysFactory>
{
    [Fact]
    public async Task KeysAreEncryptedAtRest_WithTheConfiguredCertificate_AndStillWork()
    {
        var account = await TestData.CreateFamilyAsync(factory);
        using var client = factory.NewClient();

        Assert.Equal("/famille", (await client.SignInFamilyAsync(account.Email, account.Password)).Location);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/famille")).Status);

        var keys = await KeyStore.XmlAsync(factory);
        Assert.NotEmpty(keys);
        Assert.All(keys, xml =>
        {
            Assert.Contains("EncryptedXmlDecryptor", xml, StringComparison.Ordinal);
            Assert.DoesNotContain("<masterKey", xml, StringComparison.Ordinal);
        });
    }
}
