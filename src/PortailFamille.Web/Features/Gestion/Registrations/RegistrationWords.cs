using PortailFamille.Domain.Common;
using PortailFamille.Domain.Registrations;
using PortailFamille.Web.Infrastructure.Time;

namespace PortailFamille.Web.Features.Gestion.Registrations;

/// <summary>How the back office writes a registration: its state, its dates and its semaine type.</summary>
public static class RegistrationWords
{
    /// <summary>"En attente de validation", "Validée", "Refusée".</summary>
    public static string Of(RegistrationStatus status) => status switch
    {
        RegistrationStatus.Requested => "En attente de validation",
        RegistrationStatus.Validated => "Validée",
        RegistrationStatus.Refused => "Refusée",
        _ => status.ToString(),
    };

    /// <summary>"du 01/09/2026 au 03/07/2027".</summary>
    public static string Dates(DateOnly start, DateOnly end) =>
        $"du {ParisClock.FormatDate(start)} au {ParisClock.FormatDate(end)}";

    /// <summary>
    /// The semaine type in words, days Monday first and units in the activity's order:
    /// "mer. : Matin, Repas ; ven. : Repas". <paramref name="units"/> gives each unit its name
    /// and display order.
    /// </summary>
    public static string Pattern(WeeklyPattern pattern, IReadOnlyDictionary<Guid, (string Name, int Order)> units)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        ArgumentNullException.ThrowIfNull(units);
        if (pattern.IsEmpty)
        {
            return "Aucune (jours réservés un par un)";
        }

        return string.Join(" ; ", pattern.Slots
            .GroupBy(s => s.Day)
            .Select(day => $"{FrenchDates.ShortDay(day.Key)} : " + string.Join(", ", day
                .Select(s => units.TryGetValue(s.UnitId, out var unit) ? unit : ("unité supprimée", int.MaxValue))
                .OrderBy(u => u.Item2)
                .Select(u => u.Item1))));
    }

    /// <summary>
    /// What turning a semaine type into reservations did: "12 réservation(s) validée(s) et 2 en
    /// liste d'attente, faute de place", one reservation being a unit on a day.
    /// </summary>
    public static string Booked(int confirmed, int waitlisted) =>
        (confirmed, waitlisted) switch
        {
            (0, 0) => "aucun jour à réserver (pas de jour d'ouverture à venir)",
            (_, 0) => $"{confirmed} réservation(s) validée(s)",
            _ => $"{confirmed} réservation(s) validée(s) et {waitlisted} en liste d'attente, faute de place",
        };
}
