using PortailFamille.Domain.Calendar;
using PortailFamille.Domain.Catalogue;
using PortailFamille.Domain.Common;
using PortailFamille.Domain.Families;

namespace PortailFamille.Domain.Registrations;

/// <summary>
/// An inscription: a child × an activity × a period, with its dates and semaine type. The
/// family asks for it, the service validates or refuses it; once validated the family books
/// days from "Mes réservations".
/// </summary>
public sealed class Registration
{
    /// <summary>Shortest refusal reason accepted: a word is not an explanation.</summary>
    public const int MinReasonLength = 5;

    /// <summary>Longest refusal reason accepted.</summary>
    public const int MaxReasonLength = 1000;

    /// <summary>
    /// The field of the refusal of a second registration of the same child, activity and
    /// period: a rule of the service, not a mistake in the form.
    /// </summary>
    public const string AlreadyRegistered = nameof(AlreadyRegistered);

    private Registration()
    {
        Pattern = WeeklyPattern.Empty;
    }

    /// <summary>Identifier.</summary>
    public Guid Id { get; private set; }

    /// <summary>The family that asked.</summary>
    public Guid FamilyId { get; private set; }

    /// <summary>The child registered.</summary>
    public Guid ChildId { get; private set; }

    /// <summary>The activity.</summary>
    public Guid ActivityId { get; private set; }

    /// <summary>The period of the activity.</summary>
    public Guid PeriodId { get; private set; }

    /// <summary>Date de début, inside the period.</summary>
    public DateOnly Start { get; private set; }

    /// <summary>Date de fin, inside the period, included.</summary>
    public DateOnly End { get; private set; }

    /// <summary>The registration's days, both ends included.</summary>
    public DateRange Dates => new(Start, End);

    /// <summary>The semaine type.</summary>
    public WeeklyPattern Pattern { get; private set; }

    /// <summary>Where the registration stands.</summary>
    public RegistrationStatus Status { get; private set; }

    /// <summary>When the family asked, in UTC: the service handles requests in this order.</summary>
    public DateTimeOffset RequestedAt { get; private set; }

    /// <summary>When the service validated or refused, in UTC.</summary>
    public DateTimeOffset? DecidedAt { get; private set; }

    /// <summary>Why the service refused, as sent to the family.</summary>
    public string? RefusalReason { get; private set; }

    /// <summary>
    /// A family asks to register a child ("Enregistrer la demande"). Refused when the period
    /// is not the activity's; when the child already has a registration of that activity and
    /// period still waiting or validated (the family adds days from "Mes réservations"
    /// instead); when the period does not take requests on <paramref name="today"/>; when the
    /// dates are not inside the period; when the child's age is outside the activity's
    /// limits; or when the semaine type ticks a day or a unit the activity does not have.
    /// </summary>
    /// <param name="familyId">The family asking.</param>
    /// <param name="childId">The child.</param>
    /// <param name="childFirstName">The child's first name, for the messages.</param>
    /// <param name="childBirthDate">The child's birth date, for the age limits.</param>
    /// <param name="activity">The activity chosen.</param>
    /// <param name="period">The period chosen, one of the activity's.</param>
    /// <param name="start">Date de début.</param>
    /// <param name="end">Date de fin.</param>
    /// <param name="pattern">The semaine type, possibly empty.</param>
    /// <param name="existingForChild">The child's registrations; others are ignored.</param>
    /// <param name="today">The date in Paris.</param>
    /// <param name="now">The current instant.</param>
    public static Outcome<Registration> Request(
        Guid familyId,
        Guid childId,
        string? childFirstName,
        DateOnly childBirthDate,
        Activity activity,
        Period period,
        DateOnly start,
        DateOnly end,
        WeeklyPattern pattern,
        IEnumerable<Registration> existingForChild,
        DateOnly today,
        DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(activity);
        ArgumentNullException.ThrowIfNull(period);
        ArgumentNullException.ThrowIfNull(pattern);
        ArgumentNullException.ThrowIfNull(existingForChild);
        if (familyId == Guid.Empty || childId == Guid.Empty)
        {
            throw new ArgumentException("A registration needs a family and a child.");
        }

        if (period.ActivityId != activity.Id)
        {
            return Refuse(new(nameof(PeriodId), $"Cette période n'appartient pas à l'activité {activity.Name} : choisissez-en une dans la liste."));
        }

        var child = string.IsNullOrWhiteSpace(childFirstName) ? null : childFirstName.Trim();

        // One registration per child, activity and period: days are added to it, not to a
        // second one. The other checks would only be noise next to this one.
        var existing = existingForChild
            .Where(r => r.ChildId == childId && r.ActivityId == activity.Id && r.PeriodId == period.Id && r.Status != RegistrationStatus.Refused)
            .OrderBy(r => r.Status == RegistrationStatus.Validated ? 0 : 1)
            .FirstOrDefault();
        if (existing is not null)
        {
            return Refuse(new(AlreadyRegistered, DuplicateMessage(existing.Status, child, activity, period)));
        }

        if (period.WhyRequestsAreClosedOn(today) is { } closed)
        {
            return Refuse(new(string.Empty, closed));
        }

        var refusals = new List<Refusal>();
        var startInside = period.Dates.Contains(start);
        if (!startInside)
        {
            refusals.Add(new(nameof(Start), $"La date de début doit être comprise entre le {Labels.Day(period.Start)} et le {Labels.Day(period.End)}, dates de la période {period.Label}."));
        }

        if (!period.Dates.Contains(end))
        {
            refusals.Add(new(nameof(End), $"La date de fin doit être comprise entre le {Labels.Day(period.Start)} et le {Labels.Day(period.End)}, dates de la période {period.Label}."));
        }
        else if (end < start)
        {
            refusals.Add(new(nameof(End), $"La date de fin ne peut pas précéder la date de début ({Labels.Day(start)})."));
        }

        if (startInside && AgeRefusal(child, childBirthDate, activity, start) is { } tooYoungOrOld)
        {
            refusals.Add(tooYoungOrOld);
        }

        refusals.AddRange(WeeklyPattern.Check(pattern.Slots, activity));
        if (refusals.Count > 0)
        {
            return Outcome<Registration>.Refused(refusals);
        }

        return Outcome<Registration>.Success(new Registration
        {
            Id = Guid.NewGuid(),
            FamilyId = familyId,
            ChildId = childId,
            ActivityId = activity.Id,
            PeriodId = period.Id,
            Start = start,
            End = end,
            Pattern = pattern,
            Status = RegistrationStatus.Requested,
            // UTC, so that instants stored as text (SQLite) sort in request order.
            RequestedAt = now.ToUniversalTime(),
        });
    }

    /// <summary>
    /// The date de début proposed to a family choosing <paramref name="period"/> ("Nouvelle
    /// inscription"): the first day of the period on which the activity runs and that can
    /// still be booked at <paramref name="parisNow"/>, its deadline not passed. A period that
    /// started months ago does not propose a first day already gone. When no day of the period
    /// can be booked any more, the period's last day.
    /// </summary>
    /// <param name="activity">The activity: its days, school-time rule and deadline.</param>
    /// <param name="period">The period chosen.</param>
    /// <param name="holidays">The commune's school holidays.</param>
    /// <param name="calendar">The commune's working days (public holidays, closures).</param>
    /// <param name="parisNow">The Europe/Paris wall-clock time, of kind Unspecified.</param>
    public static DateOnly ProposedStart(Activity activity, Period period, SchoolHolidays holidays, WorkingDayCalendar calendar, DateTime parisNow)
    {
        ArgumentNullException.ThrowIfNull(activity);
        ArgumentNullException.ThrowIfNull(period);
        var today = DateOnly.FromDateTime(parisNow);
        if (today > period.End)
        {
            return period.End;
        }

        var from = today > period.Start ? today : period.Start;
        var deadline = activity.Deadline;
        foreach (var day in OpeningDays.Within(new DateRange(from, period.End), activity.Weekdays, activity.SchoolTimeRule, holidays, calendar))
        {
            if (deadline.Allows(parisNow, day, calendar))
            {
                return day;
            }
        }

        return period.End;
    }

    /// <summary>The service accepts a registration request.</summary>
    public Outcome<Registration> Validate(DateTimeOffset now)
    {
        if (Status != RegistrationStatus.Requested)
        {
            return Refuse(new(string.Empty, "Seule une demande d'inscription en attente peut être validée."));
        }

        Status = RegistrationStatus.Validated;
        DecidedAt = now.ToUniversalTime();
        return Outcome<Registration>.Success(this);
    }

    /// <summary>
    /// The service refuses a registration request; the reason is required and sent to the
    /// family, who may then ask again.
    /// </summary>
    public Outcome<Registration> Refuse(string? reason, DateTimeOffset now)
    {
        if (Status != RegistrationStatus.Requested)
        {
            return Refuse(new(string.Empty, "Seule une demande d'inscription en attente peut être refusée."));
        }

        var text = reason?.Trim();
        if (string.IsNullOrEmpty(text) || text.Length < MinReasonLength)
        {
            return Refuse(new("Reason", "Indiquez le motif du refus : il est envoyé à la famille."));
        }

        if (text.Length > MaxReasonLength)
        {
            return Refuse(new("Reason", $"Le motif ne doit pas dépasser {MaxReasonLength} caractères."));
        }

        Status = RegistrationStatus.Refused;
        RefusalReason = text;
        DecidedAt = now.ToUniversalTime();
        return Outcome<Registration>.Success(this);
    }

    private static Outcome<Registration> Refuse(Refusal refusal) => Outcome<Registration>.Refused([refusal]);

    private static string DuplicateMessage(RegistrationStatus status, string? child, Activity activity, Period period)
    {
        var who = child ?? "Cet enfant";
        // A period is often named after its activity ("ALSH mercredi 2026/2027"): named once.
        var what = period.Label.Contains(activity.Name, StringComparison.OrdinalIgnoreCase) ? period.Label : $"{activity.Name} ({period.Label})";
        const string Rule = "Un enfant n'a qu'une inscription par activité et par période";
        return status == RegistrationStatus.Validated
            ? $"{who} a déjà une inscription à {what}. {Rule} : pour ajouter des jours, passez par « Mes réservations »."
            : $"{who} a déjà une demande d'inscription à {what}, en attente de validation par le service. {Rule} : une fois la demande validée, ajoutez des jours depuis « Mes réservations ».";
    }

    // The age on the registration's first day decides: a child accepted then stays for the
    // whole registration, even after a birthday past the maximum, and a child too young then
    // is too young for the first days asked. Asking for a later start is the way to register
    // a child who comes of age during the period.
    private static Refusal? AgeRefusal(string? child, DateOnly birthDate, Activity activity, DateOnly start)
    {
        var age = Age.On(birthDate, start);
        if (age >= (activity.MinAge ?? 0) && age <= (activity.MaxAge ?? int.MaxValue))
        {
            return null;
        }

        var limits = (activity.MinAge, activity.MaxAge) switch
        {
            ({ } min, { } max) => $"de {min} à {Years(max)}",
            ({ } min, null) => $"à partir de {Years(min)}",
            (null, { } max) => $"jusqu'à {Years(max)}",
            _ => throw new InvalidOperationException("Without limits every age fits."),
        };
        return new(string.Empty, $"{activity.Name} accueille les enfants {limits} : {child ?? "l'enfant"} a {Years(age)} au {Labels.Day(start)}, premier jour de l'inscription.");
    }

    private static string Years(int years) => years <= 1 ? $"{years} an" : $"{years} ans";
}
