using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace PortailFamille.Web.Features.Accounts;

/// <summary>
/// Puts the family of the account in its sign-in cookie, so that every family page can
/// restrict its queries to that family without another database read.
/// </summary>
public sealed class PortalClaimsFactory(
    UserManager<AppUser> userManager,
    RoleManager<IdentityRole<Guid>> roleManager,
    IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<AppUser, IdentityRole<Guid>>(userManager, roleManager, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(AppUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new Claim("display_name", user.DisplayName));
        if (user.FamilyId is { } familyId)
        {
            identity.AddClaim(new Claim(Policies.FamilyIdClaim, familyId.ToString("D", CultureInfo.InvariantCulture)));
        }

        return identity;
    }
}

public static class ClaimsPrincipalExtensions
{
    /// <summary>The family of a signed-in guardian; throws for any other account.</summary>
    public static Guid FamilyId(this ClaimsPrincipal user) =>
        Guid.Parse(user.FindFirstValue(Policies.FamilyIdClaim) ?? throw new InvalidOperationException("Not a family account."), CultureInfo.InvariantCulture);

    public static Guid UserId(this ClaimsPrincipal user) =>
        Guid.Parse(user.FindFirstValue(ClaimTypes.NameIdentifier) ?? throw new InvalidOperationException("Not signed in."), CultureInfo.InvariantCulture);
}
