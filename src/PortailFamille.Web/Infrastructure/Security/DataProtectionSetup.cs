using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.XmlEncryption;
using Microsoft.Extensions.Options;
using PortailFamille.Web.Data;

namespace PortailFamille.Web.Infrastructure.Security;

/// <summary>
/// The data-protection keys (sign-in cookies, antiforgery, emailed links): where they are kept,
/// and how they are encrypted at rest. A certificate given in configuration
/// (<c>DataProtection:Certificate:Path</c> and <c>:Password</c>, or <c>:Thumbprint</c> of a
/// certificate in the machine's or the user's "My" store) encrypts them; without one, they are
/// written unencrypted, which the portal says once at Information level outside Production,
/// and ASP.NET Core warns of in Production.
/// </summary>
public static class DataProtectionSetup
{
    public const string CertificatePath = "DataProtection:Certificate:Path";
    public const string CertificatePassword = "DataProtection:Certificate:Password";
    public const string CertificateThumbprint = "DataProtection:Certificate:Thumbprint";

    public static IServiceCollection AddPortalDataProtection(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var dataProtection = services.AddDataProtection().SetApplicationName("PortailFamille");
        if (string.Equals(configuration["Database:Provider"], DatabaseSetup.Postgres, StringComparison.OrdinalIgnoreCase))
        {
            // Several web servers share PostgreSQL: keys live there, so each reads the others' cookies and links.
            dataProtection.PersistKeysToDbContext<AppDbContext>();
        }
        else
        {
            // One server with SQLite: keys live in a folder beside the database. In the database they
            // would be written through a second connection, which SQLite's single writer would block
            // whenever a key is created inside a transaction (an invitation sent with a new account).
            var keys = Path.GetFullPath(configuration["DataProtection:KeysFolder"] ?? "data/keys", environment.ContentRootPath);
            dataProtection.PersistKeysToFileSystem(Directory.CreateDirectory(keys));
        }

        var path = configuration[CertificatePath];
        var thumbprint = configuration[CertificateThumbprint];
        if (!string.IsNullOrWhiteSpace(path))
        {
            var file = Path.GetFullPath(path, environment.ContentRootPath);
            if (!File.Exists(file))
            {
                throw new InvalidOperationException($"{CertificatePath} : le fichier « {file} » n'existe pas.");
            }

            dataProtection.ProtectKeysWithCertificate(X509CertificateLoader.LoadPkcs12FromFile(file, configuration[CertificatePassword]));
        }
        else if (!string.IsNullOrWhiteSpace(thumbprint))
        {
            dataProtection.ProtectKeysWithCertificate(thumbprint.Replace(" ", string.Empty, StringComparison.Ordinal));
        }
        else if (!environment.IsProduction())
        {
            // Said plainly, once, rather than ASP.NET Core's warning on every new key: outside
            // Production, unencrypted keys are the expected choice (decision 0014).
            services.AddSingleton<IConfigureOptions<KeyManagementOptions>, UnencryptedKeysOutsideProduction>();
        }

        return services;
    }

    private sealed class UnencryptedKeysOutsideProduction(ILoggerFactory loggers, IHostEnvironment environment) : IConfigureOptions<KeyManagementOptions>
    {
        public void Configure(KeyManagementOptions options)
        {
            options.XmlEncryptor ??= new NullXmlEncryptor();
            var logger = loggers.CreateLogger("PortailFamille.DataProtection");
            if (!logger.IsEnabled(LogLevel.Information))
            {
                return;
            }

            logger.LogInformation(
                "Les clés de protection des données ne sont pas chiffrées au repos (environnement {Environment}) : " +
                "en production, donnez un certificat avec DataProtection:Certificate:Path et :Password, ou :Thumbprint.",
                environment.EnvironmentName);
        }
    }
}
