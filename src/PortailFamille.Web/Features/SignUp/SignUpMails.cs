using Microsoft.Extensions.Options;
using PortailFamille.Domain.Families;
using PortailFamille.Web.Features.Accounts;
using PortailFamille.Web.Infrastructure.Mail;
using PortailFamille.Web.Infrastructure.Municipality;
using PortailFamille.Web.Infrastructure.Time;

namespace PortailFamille.Web.Features.SignUp;

/// <summary>The emails of an online sign-up, queued in the sign-up's own unit of work.</summary>
public sealed class SignUpMails(Mailer mailer, LinkBuilder links, IOptions<MunicipalityOptions> municipality)
{
    public const string ReceivedSubject = "Votre demande d'inscription a bien été reçue";

    public const string ToServiceSubject = "Nouvelle inscription en ligne à valider";

    public const string AddressInUseSubject = "Demande d'inscription avec votre adresse email";

    public const string ConfirmationSubject = "Confirmez votre adresse email pour terminer votre inscription";

    /// <summary>Sends the link that confirms the address of a sent request, and only then creates the family.</summary>
    public void QueueConfirmation(ResponsibleInput responsible, string pathAndQuery)
    {
        ArgumentNullException.ThrowIfNull(responsible);
        var commune = municipality.Value;
        mailer.Enqueue(responsible.Email!, new MailContent(
            ConfirmationSubject,
            $"Bonjour {responsible.FirstName} {responsible.LastName},",
            [
                $"Vous avez demandé à vous inscrire au Portail Famille de {commune.Name}. Pour terminer, confirmez votre adresse email avec le lien ci-dessous.",
                $"Votre demande ne sera transmise au {commune.ServiceName}, et vous ne pourrez vous connecter, qu'une fois votre adresse confirmée.",
            ],
            "Confirmer mon adresse email",
            links.Absolute(pathAndQuery),
            $"Ce lien est valable 24 heures et ne sert qu'une fois. S'il a expiré, il vous proposera d'en recevoir un nouveau. Si vous n'êtes pas à l'origine de cette demande, ignorez ce message : rien ne sera enregistré."));
    }

    /// <summary>Tells the family its request is received and waits for the service.</summary>
    public void QueueReceived(Family family)
    {
        ArgumentNullException.ThrowIfNull(family);
        var commune = municipality.Value;
        var responsible = family.Responsible;
        mailer.Enqueue(responsible.Email, new MailContent(
            ReceivedSubject,
            $"Bonjour {responsible.FirstName} {responsible.LastName},",
            [
                $"Votre demande d'inscription au Portail Famille de {commune.Name} a bien été reçue. Votre dossier est en attente de validation par le {commune.ServiceName}.",
                $"Enfants déclarés : {Children(family)}.",
                $"Vous pouvez déjà vous connecter avec votre identifiant, {responsible.Email}, et le mot de passe que vous avez choisi : vous y verrez où en est votre dossier.",
                "Vous recevrez un email quand le service aura étudié votre demande.",
            ],
            "Me connecter au portail",
            links.Absolute("/"),
            $"Si vous n'êtes pas à l'origine de cette demande, contactez le {commune.ServiceName} au {commune.Phone}."));
    }

    /// <summary>Tells the service that a new file waits for its validation.</summary>
    public void QueueToService(Family family)
    {
        ArgumentNullException.ThrowIfNull(family);
        var to = municipality.Value.Email;
        if (string.IsNullOrWhiteSpace(to))
        {
            return;
        }

        mailer.Enqueue(to, new MailContent(
            ToServiceSubject,
            "Bonjour,",
            [
                $"Une nouvelle famille s'est inscrite sur le Portail Famille : {family.DisplayName} ({family.Responsible.Email}).",
                $"Enfants déclarés : {Children(family)}.",
                "Son dossier est en attente de validation : vérifiez-le, puis validez-le ou refusez-le avec un motif.",
            ],
            "Voir les familles",
            links.Absolute("/gestion/familles")));
    }

    /// <summary>
    /// Tells the owner of an address that already has an account that someone tried to sign up
    /// with it. The page says the same as for a new address, so only the owner learns it.
    /// </summary>
    public void QueueAddressInUse(AppUser owner)
    {
        ArgumentNullException.ThrowIfNull(owner);
        var commune = municipality.Value;
        mailer.Enqueue(owner.Email!, new MailContent(
            AddressInUseSubject,
            $"Bonjour {owner.FirstName} {owner.LastName},",
            [
                $"Quelqu'un a demandé à créer un compte sur le Portail Famille de {commune.Name} avec votre adresse email. Cette adresse a déjà un compte : aucun nouveau compte n'a été créé.",
                "Si c'est vous, connectez-vous avec votre mot de passe habituel, ou utilisez « Mot de passe oublié ? » sur la page de connexion pour en choisir un nouveau.",
                $"Si ce n'est pas vous, vous pouvez ignorer ce message. En cas de doute, contactez le {commune.ServiceName} au {commune.Phone}.",
            ],
            "Me connecter au portail",
            links.Absolute("/")));
    }

    private static string Children(Family family) =>
        string.Join(", ", family.Children.Select(c => $"{c.FirstName} {c.LastName.ToUpperInvariant()}, né(e) le {ParisClock.FormatDate(c.BirthDate)}"));
}
