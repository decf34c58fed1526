using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;
using PortailFamille.Web.Infrastructure.Mail;
using PortailFamille.Web.Infrastructure.Municipality;

namespace PortailFamille.Web.Features.Accounts;

/// <summary>The emails about accounts: invitations, password resets, password changes.</summary>
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
}
