using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using PortailFamille.Web.Infrastructure.Security;

namespace PortailFamille.Web.Features.Accounts.Sessions;

public static class AccountSecuritySetup
{
    /// <summary>
    /// The portal's public address for emailed links, server-side sessions for the sign-in
    /// cookie, and the data-protection keys.
    /// </summary>
    public static IServiceCollection AddPortalAccountSecurity(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        PublicAddress.Check(configuration, environment);
        services.AddSingleton<PublicAddress>();
        services.AddSingleton<DatabaseTicketStore>();
        services.AddScoped<UserSessions>();
        services.AddOptions<CookieAuthenticationOptions>(IdentityConstants.ApplicationScheme)
            .Configure<DatabaseTicketStore>((options, store) => options.SessionStore = store);
        services.AddPortalDataProtection(configuration, environment);
        return services;
    }
}
