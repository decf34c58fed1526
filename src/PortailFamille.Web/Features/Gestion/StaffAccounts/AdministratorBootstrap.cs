using Microsoft.AspNetCore.Identity;
using PortailFamille.Domain.Common;
using PortailFamille.Web.Data;
using PortailFamille.Web.Features.Accounts;
using PortailFamille.Web.Infrastructure.Auditing;

namespace PortailFamille.Web.Features.Gestion.StaffAccounts;

/// <summary>
/// Gives a new installation its first administrator: when no administrator exists and
/// Bootstrap:AdministratorEmail is set, the account is created at start-up and invited by
/// email, like any member of staff. Without it, a production portal would have nobody to
/// open the back office.
/// </summary>
public sealed class AdministratorBootstrap(
    AppDbContext db,
    UserManager<AppUser> users,
    AccountMails mails,
    AuditTrail audit,
    TimeProvider time,
    IConfiguration configuration,
    ILogger<AdministratorBootstrap> logger)
{
    public async Task EnsureAdministratorAsync(CancellationToken cancellationToken)
    {
        var configured = configuration["Bootstrap:AdministratorEmail"];
        if (string.IsNullOrWhiteSpace(configured) || await StaffDirectory.CountActiveAdministratorsAsync(db, cancellationToken) > 0)
        {
            return;
        }

        var email = Text.NormalizeEmail(configured)
            ?? throw new InvalidOperationException($"Bootstrap:AdministratorEmail « {configured} » n'est pas une adresse email valide.");
        if (await users.FindByEmailAsync(email) is not null)
        {
            logger.LogWarning("Bootstrap:AdministratorEmail {Email} a déjà un compte qui n'est pas administrateur : rien n'est créé.", email);
            return;
        }

        if (string.IsNullOrWhiteSpace(configuration["Portal:PublicUrl"]))
        {
            throw new InvalidOperationException(
                "Bootstrap:AdministratorEmail demande aussi Portal:PublicUrl (par exemple https://famille.ma-commune.fr) : le lien de l'invitation commence par cette adresse.");
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var user = new AppUser
        {
            Id = Guid.NewGuid(),
            UserName = email,
            Email = email,
            FirstName = Text.NormalizeName(configuration["Bootstrap:AdministratorFirstName"]) ?? "Administrateur",
            LastName = Text.NormalizeName(configuration["Bootstrap:AdministratorLastName"]) ?? "Portail",
            CreatedAt = time.GetUtcNow(),
        };
        Check(await users.CreateAsync(user));
        Check(await users.AddToRoleAsync(user, Roles.Administrator));
        await mails.QueueInvitationAsync(user);
        audit.Record("Compte", user.Id, $"Premier administrateur créé au démarrage pour {email} ; invitation envoyée.");
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        logger.LogWarning("Premier administrateur créé : une invitation a été envoyée à {Email}.", email);
    }

    private static void Check(IdentityResult result)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException(string.Join(" ", result.Errors.Select(e => e.Description)));
        }
    }
}
