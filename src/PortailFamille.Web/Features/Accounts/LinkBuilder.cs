namespace PortailFamille.Web.Features.Accounts;

/// <summary>
/// Builds the absolute links put in emails. They start with the configured public address
/// (Portal:PublicUrl) so that a forged Host header can never send a family a reset link to
/// another site; without that setting (development), the request's own address is used.
/// </summary>
public sealed class LinkBuilder(IConfiguration configuration, IHttpContextAccessor httpContextAccessor)
{
    public string Absolute(string pathAndQuery)
    {
        var configured = configuration["Portal:PublicUrl"];
        string origin;
        if (!string.IsNullOrWhiteSpace(configured))
        {
            origin = configured.TrimEnd('/');
        }
        else
        {
            var request = httpContextAccessor.HttpContext?.Request
                ?? throw new InvalidOperationException("Portal:PublicUrl must be set to build links outside a request.");
            origin = $"{request.Scheme}://{request.Host}{request.PathBase}";
        }

        return origin + pathAndQuery;
    }
}
