using Microsoft.Extensions.Options;
using PortailFamille.Domain.Families;
using PortailFamille.Web.Features.Accounts;
using PortailFamille.Web.Infrastructure.Mail;
using PortailFamille.Web.Infrastructure.Municipality;

namespace PortailFamille.Web.Features.Gestion.Families;

/// <summary>The emails that tell a family the service's decision on its sign-up; sent to Parent 1.</summary>
public sealed class FamilyMails(Mailer mailer, LinkBuilder links, IOptions<MunicipalityOptions> municipality)
{
    public void QueueValidated(Family family)
    {
        ArgumentNullException.ThrowIfNull(family);
        var parent = family.Responsible;
        var commune = municipality.Value;
        mailer.Enqueue(parent.Email, new MailContent(
            "Votre inscription au Portail Famille est validée",
            $"Bonjour {parent.FirstName} {parent.LastName},",
            [
                $"Le {commune.ServiceName} de {commune.Name} a validé votre inscription au Portail Famille.",
                "Vous pouvez désormais utiliser tout le portail : inscrire vos enfants aux activités, faire vos réservations, consulter et régler vos factures.",
                $"Votre identifiant reste votre adresse email : {parent.Email}.",
            ],
            "Accéder au Portail Famille",
            links.Absolute("/")));
    }

    public void QueueRejected(Family family)
    {
        ArgumentNullException.ThrowIfNull(family);
        var parent = family.Responsible;
        var commune = municipality.Value;
        mailer.Enqueue(parent.Email, new MailContent(
            "Votre inscription au Portail Famille n'a pas été acceptée",
            $"Bonjour {parent.FirstName} {parent.LastName},",
            [
                $"Le {commune.ServiceName} de {commune.Name} n'a pas pu valider votre inscription au Portail Famille, pour le motif suivant :",
                family.RejectionReason ?? string.Empty,
                $"Pour en savoir plus ou pour compléter votre dossier, contactez le {commune.ServiceName} au {commune.Phone} ou à {commune.Email}.",
            ]));
    }
}
