using PortailFamille.Domain.Calendar;
using PortailFamille.Domain.Common;

namespace PortailFamille.Domain.Catalogue;

/// <summary>
/// A période of an activity, such as "ALSH mercredi 2026/2027": the dates a registration can
/// cover, and optionally the window in which families may ask to register.
/// </summary>
public sealed class Period
{
    /// <summary>Longest accepted label: families read it as "Libellé inscription".</summary>
    public const int MaxLabelLength = 100;

    private Period()
    {
        Label = string.Empty;
    }

    /// <summary>Identifier.</summary>
    public Guid Id { get; private set; }

    /// <summary>The activity of the period.</summary>
    public Guid ActivityId { get; private set; }

    /// <summary>Libellé de la période.</summary>
    public string Label { get; private set; }

    /// <summary>First day of the period.</summary>
    public DateOnly Start { get; private set; }

    /// <summary>Last day of the period, included.</summary>
    public DateOnly End { get; private set; }

    /// <summary>The period's days, both ends included.</summary>
    public DateRange Dates => new(Start, End);

    /// <summary>First day registration requests are accepted; empty means from the start.</summary>
    public DateOnly? RegistrationOpens { get; private set; }

    /// <summary>Last day registration requests are accepted, included; empty means no end.</summary>
    public DateOnly? RegistrationCloses { get; private set; }

    /// <summary>Creates a period of an activity.</summary>
    public static Outcome<Period> Create(Guid activityId, string? label, DateOnly start, DateOnly end, DateOnly? registrationOpens, DateOnly? registrationCloses)
    {
        var refusals = new List<Refusal>();
        if (activityId == Guid.Empty)
        {
            refusals.Add(new(nameof(ActivityId), "Choisissez l'activité de la période."));
        }

        var clean = Labels.Normalize(label, MaxLabelLength);
        if (clean is null)
        {
            refusals.Add(LabelRefusal);
        }

        if (!DateBounds.Contains(start))
        {
            refusals.Add(new(nameof(Start), DateBounds.Message));
        }

        if (!DateBounds.Contains(end))
        {
            refusals.Add(new(nameof(End), DateBounds.Message));
        }
        else if (end < start)
        {
            refusals.Add(new(nameof(End), "La date de fin de la période ne peut pas précéder sa date de début."));
        }
        else
        {
            CheckWindow(end, registrationOpens, registrationCloses, refusals);
        }

        return refusals.Count > 0
            ? Outcome<Period>.Refused(refusals)
            : Outcome<Period>.Success(new Period
            {
                Id = Guid.NewGuid(),
                ActivityId = activityId,
                Label = clean!,
                Start = start,
                End = end,
                RegistrationOpens = registrationOpens,
                RegistrationCloses = registrationCloses,
            });
    }

    /// <summary>Changes the label.</summary>
    public Outcome<Period> Rename(string? label)
    {
        var clean = Labels.Normalize(label, MaxLabelLength);
        if (clean is null)
        {
            return Outcome<Period>.Refused([LabelRefusal]);
        }

        Label = clean;
        return Outcome<Period>.Success(this);
    }

    /// <summary>Changes the window in which registration requests are accepted; either end may be empty.</summary>
    public Outcome<Period> SetRegistrationWindow(DateOnly? opens, DateOnly? closes)
    {
        var refusals = new List<Refusal>();
        CheckWindow(End, opens, closes, refusals);
        if (refusals.Count > 0)
        {
            return Outcome<Period>.Refused(refusals);
        }

        RegistrationOpens = opens;
        RegistrationCloses = closes;
        return Outcome<Period>.Success(this);
    }

    /// <summary>Whether a family may ask to register on <paramref name="today"/> (Paris date).</summary>
    public bool AcceptsRequestsOn(DateOnly today) => WhyRequestsAreClosedOn(today) is null;

    /// <summary>
    /// Why a family may not ask to register on <paramref name="today"/>, in French, or null when
    /// it may.
    /// </summary>
    public string? WhyRequestsAreClosedOn(DateOnly today)
    {
        if (today < RegistrationOpens)
        {
            return RegistrationCloses is { } closes
                ? $"Les inscriptions pour cette période sont ouvertes du {Labels.Day(RegistrationOpens.Value)} au {Labels.Day(closes)}."
                : $"Les inscriptions pour cette période ouvrent le {Labels.Day(RegistrationOpens.Value)}.";
        }

        // Requests are accepted all through the closing day, so they are closed from the next.
        return today > RegistrationCloses
            ? $"Les inscriptions pour cette période sont closes depuis le {Labels.Day(RegistrationCloses.Value.AddDays(1))}."
            : null;
    }

    private static void CheckWindow(DateOnly end, DateOnly? opens, DateOnly? closes, List<Refusal> refusals)
    {
        if (opens is { } o && !DateBounds.Contains(o))
        {
            refusals.Add(new(nameof(RegistrationOpens), DateBounds.Message));
        }
        else if (closes is { } c && !DateBounds.Contains(c))
        {
            refusals.Add(new(nameof(RegistrationCloses), DateBounds.Message));
        }
        else if (opens > closes)
        {
            refusals.Add(new(nameof(RegistrationCloses), "La clôture des inscriptions ne peut pas précéder leur ouverture."));
        }
        else if (closes > end)
        {
            // A registration can start on the period's last day at the latest: a request after it could cover no day.
            refusals.Add(new(nameof(RegistrationCloses), $"Les inscriptions doivent se clore au plus tard le dernier jour de la période ({Labels.Day(end)})."));
        }
    }

    private static Refusal LabelRefusal => new(nameof(Label), $"Saisissez le libellé de la période ({MaxLabelLength} caractères au plus).");
}
