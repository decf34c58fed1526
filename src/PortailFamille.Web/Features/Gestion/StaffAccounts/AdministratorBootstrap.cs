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
    AccountOpening opening,
    AuditTrail audit,
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
        var (user, errors) = await opening.InviteAsync(
            email,
            Text.NormalizeName(configuration["Bootstrap:AdministratorFirstName"]) ?? "Administrateur",
            Text.NormalizeName(configuration["Bootstrap:AdministratorLastName"]) ?? "Portail",
            Roles.Administrator);
        if (user is null)
        {
            throw new InvalidOperationException(string.Join(" ", errors));
        }

        audit.Record("Compte", user.Id, $"Premier administrateur créé au démarrage pour {email} ; invitation envoyée.");
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        logger.LogWarning("Premier administrateur créé : une invitation a été envoyée à {Email}.", email);
    }
}
