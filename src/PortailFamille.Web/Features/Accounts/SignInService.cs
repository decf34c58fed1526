using System.Runtime.CompilerServices;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using PortailFamille.Domain.Common;
using PortailFamille.Domain.Families;
using PortailFamille.Web.Data;

namespace PortailFamille.Web.Features.Accounts;

public enum SignInOutcome
{
    Succeeded,
    Failed,
    LockedOut,

    /// <summary>Right password, but the family's file is closed or its sign-up was rejected.</summary>
    FamilyClosed,
}

/// <summary>Which sign-in page is used: the families' portal or the back office.</summary>
public enum AccountKind
{
    Family,
    Staff,
}

/// <summary>
/// Signs in with an email and a password, for the portal and the back office alike. Whatever
/// goes wrong (unknown address, wrong password, an account of the other kind, a closed
/// account), the answer is the same, so that nobody can learn which addresses have an
/// account; an unknown address even "locks" after as many failures as a real one.
/// </summary>
public sealed class SignInService(
    UserManager<AppUser> users,
    SignInManager<AppUser> signInManager,
    IPasswordHasher<AppUser> hasher,
    IMemoryCache cache,
    AppDbContext db,
    IOptions<IdentityOptions> identityOptions)
{
    public const string LockedOutMessage =
        "Votre compte est bloqué pendant 15 minutes après 5 tentatives de connexion infructueuses. " +
        "Réessayez plus tard, ou cliquez sur « Mot de passe oublié ? » pour choisir un nouveau mot de passe.";

    public const string FailedMessage = "Identifiant ou mot de passe incorrect.";

    public const string FamilyClosedMessage =
        "Votre dossier famille n'est pas ouvert : il a été clôturé ou votre demande d'inscription a été refusée. Contactez le service pour en savoir plus.";

    // Verifying against this hash costs as much as a real check: an unknown address answers
    // as slowly as a known one.
    private static readonly string DummyHash = new PasswordHasher<AppUser>().HashPassword(new AppUser(), "portail-famille-factice");

    public async Task<SignInOutcome> SignInAsync(string? email, string? password, AccountKind kind)
    {
        var normalized = Text.NormalizeEmail(email);
        var user = normalized is null ? null : await users.FindByEmailAsync(normalized);
        if (user is null || user.IsDisabled || !await IsOfKindAsync(user, kind) || user.PasswordHash is null)
        {
            hasher.VerifyHashedPassword(new AppUser(), DummyHash, password ?? string.Empty);
            return CountUnknownFailure(normalized ?? email ?? string.Empty);
        }

        if (await users.IsLockedOutAsync(user))
        {
            // Identity answers a locked account without checking the password: check one
            // anyway, so that a locked account answers as slowly as an unknown address.
            hasher.VerifyHashedPassword(new AppUser(), DummyHash, password ?? string.Empty);
            return SignInOutcome.LockedOut;
        }

        var result = await signInManager.CheckPasswordSignInAsync(user, password ?? string.Empty, lockoutOnFailure: true);
        if (!result.Succeeded)
        {
            return result.IsLockedOut ? SignInOutcome.LockedOut : SignInOutcome.Failed;
        }

        // Told only to whoever knows the password: it reveals nothing to a stranger.
        if (user.FamilyId is { } familyId && !await db.Families.AnyAsync(f => f.Id == familyId && (f.Status == FamilyStatus.Active || f.Status == FamilyStatus.PendingValidation)))
        {
            return SignInOutcome.FamilyClosed;
        }

        await signInManager.SignInAsync(user, isPersistent: false);
        return SignInOutcome.Succeeded;
    }

    private async Task<bool> IsOfKindAsync(AppUser user, AccountKind kind)
    {
        var roles = await users.GetRolesAsync(user);
        return kind == AccountKind.Family
            ? roles.Contains(Roles.Family)
            : roles.Contains(Roles.Agent) || roles.Contains(Roles.Administrator);
    }

    private SignInOutcome CountUnknownFailure(string key)
    {
        var lockout = identityOptions.Value.Lockout;
        var failures = cache.GetOrCreate("signin-failures:" + key.ToUpperInvariant(), entry =>
        {
            entry.AbsoluteExpirationRelativeToNow = lockout.DefaultLockoutTimeSpan;
            return new StrongBox<int>();
        })!;
        var count = Interlocked.Increment(ref failures.Value);
        return count >= lockout.MaxFailedAccessAttempts ? SignInOutcome.LockedOut : SignInOutcome.Failed;
    }
}
