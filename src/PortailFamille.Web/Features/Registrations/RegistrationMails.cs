using Microsoft.Extensions.Options;
using PortailFamille.Domain.Catalogue;
using PortailFamille.Domain.Common;
using PortailFamille.Domain.Families;
using PortailFamille.Domain.Registrations;
using PortailFamille.Web.Features.Accounts;
using PortailFamille.Web.Infrastructure.Mail;
using PortailFamille.Web.Infrastructure.Municipality;
using PortailFamille.Web.Infrastructure.Time;

namespace PortailFamille.Web.Features.Registrations;

/// <summary>
/// The emails about a family's registrations: the request recorded (to Parent 1), the
/// service's validation or refusal (to every parent). Each is queued in the caller's unit of
/// work, so that it is sent if and only if the change it announces is saved.
/// </summary>
public sealed class RegistrationMails(Mailer mailer, LinkBuilder links, IOptions<MunicipalityOptions> municipality)
{
    /// <summary>What a decision email names: the child, the activity and the period.</summary>
    public sealed record Decided(string ChildFirstName, string Activity, string Period, IReadOnlyList<Guardian> Guardians);

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

    /// <summary>
    /// "Votre inscription est validée", with what turning the semaine type into reservations
    /// did when the agent asked for it (<paramref name="booked"/>, null otherwise).
    /// </summary>
    public void QueueValidated(Decided what, Registration registration, string? booked)
    {
        ArgumentNullException.ThrowIfNull(what);
        ArgumentNullException.ThrowIfNull(registration);
        var commune = municipality.Value;
        foreach (var guardian in what.Guardians)
        {
            mailer.Enqueue(guardian.Email, new MailContent(
                "Votre inscription est validée",
                $"Bonjour {guardian.FirstName} {guardian.LastName},",
                [
                    $"Le {commune.ServiceName} de {commune.Name} a validé l'inscription de {what.ChildFirstName} à {what.Activity} ({what.Period}), {Dates(registration)}.",
                    .. booked is null ? Array.Empty<string>() : [$"Le service a aussi transformé votre semaine type en réservations : {booked}. Vous retrouvez l'état de chaque jour dans « Mes réservations »."],
                    "Vous pouvez maintenant faire vos demandes de réservation depuis le Portail Famille.",
                ],
                "Accéder au Portail Famille",
                links.Absolute("/famille")));
        }
    }

    /// <summary>"Votre demande d'inscription n'a pas été acceptée", with the agent's reason.</summary>
    public void QueueRefused(Decided what, Registration registration)
    {
        ArgumentNullException.ThrowIfNull(what);
        ArgumentNullException.ThrowIfNull(registration);
        var commune = municipality.Value;
        foreach (var guardian in what.Guardians)
        {
            mailer.Enqueue(guardian.Email, new MailContent(
                "Votre demande d'inscription n'a pas été acceptée",
                $"Bonjour {guardian.FirstName} {guardian.LastName},",
                [
                    $"Le {commune.ServiceName} de {commune.Name} n'a pas pu valider l'inscription de {what.ChildFirstName} à {what.Activity} ({what.Period}), {Dates(registration)}, pour le motif suivant :",
                    registration.RefusalReason ?? string.Empty,
                    $"Vous pouvez faire une nouvelle demande depuis le Portail Famille. Pour en savoir plus, contactez le {commune.ServiceName} au {commune.Phone} ou à {commune.Email}.",
                ],
                "Accéder au Portail Famille",
                links.Absolute("/famille")));
        }
    }

    private static string Dates(Registration registration) =>
        $"du {ParisClock.FormatDate(registration.Start)} au {ParisClock.FormatDate(registration.End)}";

    private static IEnumerable<string> WeeklyPatternText(WeeklyPattern pattern, Activity activity) =>
        WeekdayMask.MondayFirst
            .Select(day => (day, units: activity.Units.Where(u => pattern.Contains(day, u.Id)).OrderBy(u => u.DisplayOrder).Select(u => u.Name).ToList()))
            .Where(d => d.units.Count > 0)
            .Select(d => $"{FrenchDates.CapitalizedDay(d.day)} ({string.Join(", ", d.units)})");
}
