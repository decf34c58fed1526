using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace PortailFamille.Web.Features.Accounts;

/// <summary>
/// The portal's public address, with which every emailed link starts (reset, invitation, email
/// change, sign-up confirmation). It is never taken from a request: a forged Host header would
/// otherwise send a family a link to another site. It is <c>Portal:PublicUrl</c>; in
/// Development, when that is empty, the address the portal listens on; in any other
/// environment the portal does not start without it.
/// </summary>
public sealed class PublicAddress(IConfiguration configuration, IServer server)
{
    public const string Setting = "Portal:PublicUrl";

    /// <summary>"https://famille.example.fr", without a trailing slash.</summary>
    public string Origin => Configured(configuration) ?? Listened(server, configuration);

    public string Absolute(string pathAndQuery) => Origin + pathAndQuery;

    /// <summary>Stops the start when the setting is missing outside Development, or is not an http(s) address.</summary>
    public static void Check(IConfiguration configuration, IHostEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var value = configuration[Setting];
        if (string.IsNullOrWhiteSpace(value))
        {
            if (!environment.IsDevelopment())
            {
                throw new InvalidOperationException(
                    $"{Setting} doit être renseigné en environnement {environment.EnvironmentName} : c'est l'adresse publique du portail, " +
                    "par exemple https://famille.example.fr, par laquelle commencent les liens envoyés par email (invitations, mots de passe oubliés, " +
                    "confirmations d'adresse). Le portail ne la déduit jamais d'une requête. Renseignez-la (variable d'environnement Portal__PublicUrl) puis redémarrez.");
            }

            return;
        }

        if (!Uri.TryCreate(value.Trim(), UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
        {
            throw new InvalidOperationException($"{Setting} « {value} » n'est pas une adresse http:// ou https:// complète, par exemple https://famille.example.fr.");
        }
    }

    private static string? Configured(IConfiguration configuration) =>
        configuration[Setting] is { } value && !string.IsNullOrWhiteSpace(value) ? value.Trim().TrimEnd('/') : null;

    /// <summary>Development only: the first address the server listens on, a wildcard host read as localhost.</summary>
    private static string Listened(IServer server, IConfiguration configuration)
    {
        var addresses = server.Features.Get<IServerAddressesFeature>()?.Addresses;
        var address = addresses?.FirstOrDefault(a => a.StartsWith("http://", StringComparison.OrdinalIgnoreCase))
            ?? addresses?.FirstOrDefault()
            ?? configuration["urls"]?.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault()
            ?? "http://localhost:5000";
        var wildcard = address.Replace("://+", "://localhost", StringComparison.Ordinal).Replace("://*", "://localhost", StringComparison.Ordinal);
        if (Uri.TryCreate(wildcard, UriKind.Absolute, out var uri))
        {
            var host = uri.Host is "0.0.0.0" or "[::]" or "::" ? "localhost" : uri.Host;
            return new UriBuilder(uri.Scheme, host, uri.Port).Uri.GetLeftPart(UriPartial.Authority);
        }

        return wildcard.TrimEnd('/');
    }
}
