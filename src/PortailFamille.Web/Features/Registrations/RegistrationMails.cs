using PortailFamille.Domain.Catalogue;
using PortailFamille.Domain.Families;
using PortailFamille.Domain.Registrations;
using PortailFamille.Web.Features.Accounts;
using PortailFamille.Web.Infrastructure.Mail;
using PortailFamille.Web.Infrastructure.Time;

namespace PortailFamille.Web.Features.Registrations;

/// <summary>The emails about a family's registration requests; sent to Parent 1.</summary>
public sealed class RegistrationMails(Mailer mailer, LinkBuilder links)
{
    public void QueueRequested(Family family, Child child, Facility facility, Activity activity, Period period, Registration registration)
    {
        ArgumentNullException.ThrowIfNull(family);
        ArgumentNullException.ThrowIfNull(child);
        ArgumentNullException.ThrowIfNull(facility);
        ArgumentNullException.ThrowIfNull(activity);
        ArgumentNullException.ThrowIfNull(period);
        ArgumentNullException.ThrowIfNull(registration);
        var parent = family.Responsible;
        var week = registration.Pattern.IsEmpty
            ? "Semaine type : aucune case cochée ; une fois l'inscription validée, vous réserverez les jours depuis « Mes réservations »."
            : "Semaine type : " + string.Join(", ", WeeklyPatternText(registration.Pattern, activity)) + ".";
        mailer.Enqueue(parent.Email, new MailContent(
            "Votre demande d'inscription est enregistrée",
            $"Bonjour {parent.FirstName} {parent.LastName},",
            [
                $"Votre demande d'inscription de {child.FirstName} {child.LastName} à {activity.Name} ({facility.Name}) est enregistrée.",
                $"Période : {period.Label}, du {ParisClock.FormatDate(registration.Start)} au {ParisClock.FormatDate(registration.End)}.",
                week,
                "Elle est en attente de validation par le service. Vous pouvez suivre son état dans « Mes inscriptions ».",
            ],
            "Voir mes inscriptions",
            links.Absolute($"/famille/inscriptions?enfant={child.Id}")));
    }

    private static IEnumerable<string> WeeklyPatternText(WeeklyPattern pattern, Activity activity) =>
        WeekdayMask.MondayFirst
            .Select(day => (day, units: activity.Units.Where(u => pattern.Contains(day, u.Id)).OrderBy(u => u.DisplayOrder).Select(u => u.Name).ToList()))
            .Where(d => d.units.Count > 0)
            .Select(d => $"{NewModel.DayName(d.day)} ({string.Join(", ", d.units)})");
}
