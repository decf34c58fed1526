using System.Threading.RateLimiting;

namespace PortailFamille.Web.Infrastructure.Security;

/// <summary>The "RateLimiting" section: attempts per minute and per client address.</summary>
public sealed class RateLimitOptions
{
    public const string Section = "RateLimiting";

    public int SignInPerMinute { get; set; } = 10;

    public int ForgotPasswordPerMinute { get; set; } = 5;

    /// <summary>"Mot de passe" (change password), whose current-password check is a password guess too.</summary>
    public int ChangePasswordPerMinute { get; set; } = 5;

    /// <summary>Sign-up submissions (the last step, which sends emails), not the steps before.</summary>
    public int SignUpPerMinute { get; set; } = 3;
}

/// <summary>
/// Slows down password guessing and mail bombing: the sign-in, "Mot de passe" and "Mot de passe oublié" forms
/// accept a few posts per minute from one address; the rest get a 429 page in French.
/// </summary>
public static class RateLimits
{
    /// <summary>The query key of the sign-up's last post: only that one sends mail.</summary>
    public const string SignUpSendKey = "envoi";

    /// <summary>Form posts that are limited (path, and a query key when only some posts of the page are), with their limit.</summary>
    private static readonly (string Path, string? QueryKey, Func<RateLimitOptions, int> Limit)[] Limited =
    [
        ("/", null, o => o.SignInPerMinute),
        ("/gestion/connexion", null, o => o.SignInPerMinute),
        ("/mot-de-passe-oublie", null, o => o.ForgotPasswordPerMinute),
        ("/compte/mot-de-passe", null, o => o.ChangePasswordPerMinute),
        ("/inscription", SignUpSendKey, o => o.SignUpPerMinute),
        // "Recevoir un nouveau lien" of an expired sign-up confirmation: it sends mail too.
        ("/inscription/confirmer", "handler", o => o.SignUpPerMinute),
    ];

    public static IServiceCollection AddPortalRateLimits(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection(RateLimitOptions.Section).Get<RateLimitOptions>() ?? new RateLimitOptions();
        services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
            {
                if (!HttpMethods.IsPost(context.Request.Method))
                {
                    return RateLimitPartition.GetNoLimiter(string.Empty);
                }

                var path = context.Request.Path.Value?.TrimEnd('/') is { Length: > 0 } p ? p : "/";
                foreach (var (limitedPath, queryKey, limit) in Limited)
                {
                    if (string.Equals(path, limitedPath, StringComparison.OrdinalIgnoreCase)
                        && (queryKey is null || context.Request.Query.ContainsKey(queryKey)))
                    {
                        var client = context.Connection.RemoteIpAddress?.ToString() ?? "local";
                        return RateLimitPartition.GetFixedWindowLimiter($"{limitedPath}|{client}", _ => new FixedWindowRateLimiterOptions
                        {
                            PermitLimit = limit(options),
                            Window = TimeSpan.FromMinutes(1),
                            QueueLimit = 0,
                        });
                    }
                }

                return RateLimitPartition.GetNoLimiter(string.Empty);
            });
        });
        return services;
    }
}
