using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;
using PortailFamille.Web.Infrastructure.Mail;
using PortailFamille.Web.Infrastructure.Municipality;

namespace PortailFamille.Web.Features.Accounts;

/// <summary>The emails about accounts: invitations, password resets, password and email changes.</summary>
public sealed class AccountMails(UserManager<AppUser> users, Mailer mailer, LinkBuilder links, IOptions<MunicipalityOptions> municipality)
{
    /// <summary>Queues the invitation of a known family or a new member of staff to choose a password.</summary>
    public async Task QueueInvitationAsync(AppUser user)
    {
        var token = await users.GenerateUserTokenAsync(user, InvitationTokenProvider.ProviderName, InvitationTokenProvider.Purpose);
        var url = links.Absolute(QueryHelpers.AddQueryString("/invitation", new Dictionary<string, string?>
        {
            ["utilisateur"] = user.Id.ToString(),
            ["jeton"] = token,
        }));
        var commune = municipality.Value;
        var isFamily = user.FamilyId is not null;
        mailer.Enqueue(user.Email!, new MailContent(
            "Votre accès au Portail Famille",
            $"Bonjour {user.FirstName} {user.LastName},",
            isFamily
                ?
                [
                    $"Le {commune.ServiceName} de {commune.Name} vous a ouvert un accès au Portail Famille.",
                    "Vous pourrez y consulter et modifier votre dossier famille, faire vos demandes d'inscription et de réservation, consulter vos factures et les régler en ligne.",
                    $"Votre identifiant est votre adresse email : {user.Email}. Choisissez votre mot de passe avec le lien ci-dessous.",
                ]
                :
                [
                    $"Un compte de gestion du Portail Famille de {commune.Name} vient d'être créé pour vous.",
                    $"Votre identifiant est votre adresse email : {user.Email}. Choisissez votre mot de passe avec le lien ci-dessous.",
                ],
            "Choisir mon mot de passe",
            url,
            "Ce lien est valable 7 jours et ne sert qu'une fois. S'il a expiré, utilisez « Mot de passe oublié ? » sur la page de connexion."));
    }

    /// <summary>Queues a password reset link, valid one hour and usable once.</summary>
    public async Task QueuePasswordResetAsync(AppUser user)
    {
        var token = await users.GeneratePasswordResetTokenAsync(user);
        var url = links.Absolute(QueryHelpers.AddQueryString("/reinitialiser-mot-de-passe", new Dictionary<string, string?>
        {
            ["utilisateur"] = user.Id.ToString(),
            ["jeton"] = token,
        }));
        mailer.Enqueue(user.Email!, new MailContent(
            "Réinitialisation de votre mot de passe",
            $"Bonjour {user.FirstName} {user.LastName},",
            [
                "Vous avez demandé à choisir un nouveau mot de passe pour le Portail Famille.",
                "Cliquez sur le lien ci-dessous pour le faire. Le lien est valable 1 heure et ne sert qu'une fois.",
            ],
            "Choisir un nouveau mot de passe",
            url,
            "Si vous n'êtes pas à l'origine de cette demande, ignorez ce message : votre mot de passe actuel reste valable."));
    }

    /// <summary>Tells the account holder that the password was changed, in case it was not them.</summary>
    public void QueuePasswordChanged(AppUser user) =>
        mailer.Enqueue(user.Email!, new MailContent(
            "Votre mot de passe a été modifié",
            $"Bonjour {user.FirstName} {user.LastName},",
            [
                "Le mot de passe de votre compte du Portail Famille vient d'être modifié.",
                $"Si vous n'êtes pas à l'origine de ce changement, contactez sans attendre le {municipality.Value.ServiceName} au {municipality.Value.Phone}.",
            ]));

    /// <summary>
    /// Queues, for an email change asked by the service, the confirmation link to the new
    /// address and a warning to the current one. Nothing changes until the link is used. The
    /// link uses the default token provider, so it is valid 1 hour, and it dies once used,
    /// since the change renews the security stamp.
    /// </summary>
    public async Task QueueEmailChangeAsync(AppUser user, string newEmail)
    {
        ArgumentNullException.ThrowIfNull(user);
        var token = await users.GenerateChangeEmailTokenAsync(user, newEmail);
        var url = links.Absolute(QueryHelpers.AddQueryString("/confirmer-email", new Dictionary<string, string?>
        {
            ["utilisateur"] = user.Id.ToString(),
            ["email"] = newEmail,
            ["jeton"] = token,
        }));
        var commune = municipality.Value;
        mailer.Enqueue(newEmail, new MailContent(
            "Confirmez votre nouvelle adresse email",
            $"Bonjour {user.FirstName} {user.LastName},",
            [
                $"Le {commune.ServiceName} de {commune.Name} a demandé à remplacer l'adresse email de votre compte du Portail Famille ({user.Email}) par celle-ci : {newEmail}.",
                user.PasswordHash is null
                    ? "Confirmez ce changement avec le lien ci-dessous : cette adresse deviendra votre identifiant de connexion, et vous y recevrez le lien pour choisir votre mot de passe."
                    : "Confirmez ce changement avec le lien ci-dessous : cette adresse deviendra votre identifiant de connexion. Votre mot de passe ne change pas.",
            ],
            "Confirmer ma nouvelle adresse",
            url,
            "Ce lien est valable 1 heure et ne sert qu'une fois. Si vous n'êtes pas concerné(e) par cette demande, ignorez ce message : rien ne sera modifié."));
        mailer.Enqueue(user.Email!, new MailContent(
            "Demande de changement de votre adresse email",
            $"Bonjour {user.FirstName} {user.LastName},",
            [
                $"Le {commune.ServiceName} de {commune.Name} a demandé à remplacer l'adresse email de votre compte du Portail Famille, {user.Email}, par {newEmail}.",
                "Rien ne change tant que ce changement n'est pas confirmé avec le lien envoyé à la nouvelle adresse : d'ici là, vous vous connectez toujours avec cette adresse-ci.",
                $"Si vous n'êtes pas à l'origine de cette demande, contactez sans attendre le {commune.ServiceName} au {commune.Phone}.",
            ]));
    }

    /// <summary>Tells the former address that the account's email, its identifier, has changed.</summary>
    public void QueueEmailChanged(AppUser user, string formerEmail)
    {
        ArgumentNullException.ThrowIfNull(user);
        var commune = municipality.Value;
        mailer.Enqueue(formerEmail, new MailContent(
            "Votre adresse email a été modifiée",
            $"Bonjour {user.FirstName} {user.LastName},",
            [
                $"L'adresse email de votre compte du Portail Famille est désormais {user.Email} : c'est votre nouvel identifiant de connexion. L'adresse {formerEmail} ne permet plus de vous connecter.",
                $"Si vous n'êtes pas à l'origine de ce changement, contactez sans attendre le {commune.ServiceName} au {commune.Phone}.",
            ]));
    }
}
