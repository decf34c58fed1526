namespace PortailFamille.Web.Features.Accounts;

/// <summary>
/// Builds the absolute links put in emails, from the portal's <see cref="PublicAddress"/>, never
/// from the request: a forged Host header cannot send a family a link to another site.
/// </summary>
public sealed class LinkBuilder(PublicAddress address)
{
    public string Absolute(string pathAndQuery) => address.Absolute(pathAndQuery);
}
