using System.Globalization;
using PortailFamille.Domain.Common;
using PortailFamille.Domain.Reservations;
using PortailFamille.Web.Infrastructure.Time;

namespace PortailFamille.Web.Features.Reservations;

/// <summary>
/// A cell of "Mes réservations" as the page and the script show it: its colour class, a short
/// visible code (colour alone is not accessible), the full label of the legend for screen
/// readers, and what a click does. Built in one place so that the form without JavaScript and
/// the answer of a click show the same thing.
/// </summary>
public sealed record CellView(
    string Value,
    string CssClass,
    string Code,
    string Text,
    string Describe,
    string? Verb)
{
    /// <summary>The checkbox label of the form without JavaScript.</summary>
    public string CheckboxLabel => Verb is null ? $"{Describe} : {Text}" : $"{Describe} : {Text} — cocher pour {Verb}";

    /// <summary>The button label once the script turned the checkbox into a button.</summary>
    public string ButtonLabel => Verb is null ? $"{Describe} : {Text}" : $"{Describe} : {Text} — appuyer pour {Verb}";

    public bool Actionable => Verb is not null;

    public static CellView For(GridCell cell, string unitName)
    {
        ArgumentNullException.ThrowIfNull(cell);
        var text = cell.WaitlistPosition is { } position
            ? $"{cell.Label} — n° {position} en liste d'attente"
            : cell.Label;
        return new CellView(
            CalendarCells.Value(cell.Date, cell.UnitId, cell.State),
            CalendarCells.CssClass(cell),
            CalendarCells.Code(cell),
            text,
            $"{CalendarCells.LongDay(cell.Date)}, {unitName}",
            CalendarCells.Verb(cell));
    }
}

/// <summary>The words, codes and colours of the calendar's cells, and the checkbox values.</summary>
public static class CalendarCells
{
    /// <summary>Every stored state, in the order of the legend.</summary>
    public static IReadOnlyList<ReservationState> LegendOrder { get; } =
    [
        ReservationState.Free,
        ReservationState.Requested,
        ReservationState.RequestSent,
        ReservationState.Confirmed,
        ReservationState.Waitlisted,
        ReservationState.Refused,
        ReservationState.CancellationRequested,
        ReservationState.CancellationSent,
        ReservationState.CancellationRefused,
    ];

    /// <summary>The legend's line of the grey cell, worded as in docs/product.md 3.6.</summary>
    public const string GreyLegend = "Case grisée (jour non disponible : hors délai, jour fermé, hors inscription)";

    /// <summary>"Mercredi 9 décembre", the day a sentence about one cell starts with.</summary>
    public static string DayAndMonth(DateOnly day)
    {
        var words = day.ToString("dddd d MMMM", ParisClock.French);
        return char.ToUpper(words[0], ParisClock.French) + words[1..];
    }

    /// <summary>"Mercredi 9 décembre, Repas : demandé": one cell a save changed, and what it became.</summary>
    public static string Change(DateOnly date, string unitName, ReservationState now) =>
        $"{DayAndMonth(date)}, {unitName} : " + now switch
        {
            ReservationState.Requested => "demandé",
            ReservationState.CancellationRequested => "annulation demandée",
            ReservationState.Free => "demande retirée",
            ReservationState.Confirmed => "demande d'annulation retirée, le jour reste réservé",
            _ => ReservationStates.Label(now),
        };

    /// <summary>
    /// What a family's save did, in one sentence: the cell it changed named by its day and unit
    /// ("Mercredi 9 décembre, Repas : demandé."), or the counts when it changed several.
    /// </summary>
    public static string Summary(BookingResult result, Func<Guid, string> unitName)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(unitName);
        return result.Changed is [var only]
            ? Change(only.Date, unitName(only.UnitId), only.State) + "."
            : Summary(result);
    }

    /// <summary>The cells a save changed, one sentence each, in date order; none beyond <paramref name="max"/>.</summary>
    public static IReadOnlyList<string> Changes(BookingResult result, Func<Guid, string> unitName, int max)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(unitName);
        return result.Changed.Count > max
            ? []
            : [.. result.Changed.OrderBy(c => c.Date).Select(c => Change(c.Date, unitName(c.UnitId), c.State))];
    }

    /// <summary>"jeudi 03/12/2026".</summary>
    public static string LongDay(DateOnly day) => $"{FrenchDates.Day(day.DayOfWeek)} {ParisClock.FormatDate(day)}";

    /// <summary>The checkbox value "2026-12-03|unit|state": the cell and the state the page showed.</summary>
    public static string Value(DateOnly date, Guid unitId, ReservationState state) =>
        string.Create(CultureInfo.InvariantCulture, $"{date:yyyy-MM-dd}|{unitId:D}|{(int)state}");

    /// <summary>Reads a checkbox value; null for anything else (a tampered or truncated post).</summary>
    public static CellChoice? Parse(string? value)
    {
        var parts = value?.Split('|');
        if (parts is not { Length: 3 }
            || !DateOnly.TryParseExact(parts[0], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            || !Guid.TryParseExact(parts[1], "D", out var unitId)
            || !int.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var state)
            || !Enum.IsDefined((ReservationState)state))
        {
            return null;
        }

        return new CellChoice(date, unitId, (ReservationState)state);
    }

    public static string CssClass(ReservationState state) => "cell--" + state switch
    {
        ReservationState.Free => "free",
        ReservationState.Requested => "requested",
        ReservationState.RequestSent => "sent",
        ReservationState.Confirmed => "confirmed",
        ReservationState.Waitlisted => "waitlisted",
        ReservationState.Refused => "refused",
        ReservationState.CancellationRequested => "cancel-requested",
        ReservationState.CancellationSent => "cancel-sent",
        ReservationState.CancellationRefused => "cancel-refused",
        _ => "free",
    };

    public static string CssClass(GridCell cell)
    {
        ArgumentNullException.ThrowIfNull(cell);
        return cell.IsGrey ? "cell--grey" : CssClass(cell.State);
    }

    /// <summary>The short code shown in a state's cell and beside its swatch in the legend.</summary>
    public static string Code(ReservationState state) => state switch
    {
        ReservationState.Free => "",
        ReservationState.Requested => "D",
        ReservationState.RequestSent => "DE",
        ReservationState.Confirmed => "✓",
        ReservationState.Waitlisted => "LA",
        ReservationState.Refused => "✗",
        ReservationState.CancellationRequested => "A",
        ReservationState.CancellationSent => "AE",
        ReservationState.CancellationRefused => "AR",
        _ => "",
    };

    /// <summary>The short code of a grey cell, by reason: HD hors délai, F jour fermé, HI hors inscription.</summary>
    public static string Code(UnavailableReason reason) => reason switch
    {
        UnavailableReason.OutOfDeadline => "HD",
        UnavailableReason.Closed => "F",
        UnavailableReason.OutOfRegistration => "HI",
        _ => "",
    };

    public static string Code(GridCell cell)
    {
        ArgumentNullException.ThrowIfNull(cell);
        if (cell.IsGrey)
        {
            return Code(cell.Unavailable!.Value);
        }

        return cell.WaitlistPosition is { } position
            ? string.Create(CultureInfo.InvariantCulture, $"n°{position}")
            : Code(cell.State);
    }

    /// <summary>What ticking (or pressing) the cell does, in the calendar's words (docs/product.md 3.6); null when it does nothing.</summary>
    public static string? Verb(GridCell cell)
    {
        ArgumentNullException.ThrowIfNull(cell);
        return cell.Action switch
        {
            ReservationAction.Request => "demander ce jour",
            ReservationAction.WithdrawRequest when cell.State == ReservationState.Waitlisted => "quitter la liste d'attente",
            ReservationAction.WithdrawRequest => "retirer la demande",
            ReservationAction.RequestCancellation => "demander l'annulation",
            ReservationAction.WithdrawCancellation => "retirer la demande d'annulation",
            ReservationAction.RequestAgain => "redemander",
            _ => null,
        };
    }

    /// <summary>"1 jour demandé, 2 demandes d'annulation, 1 demande retirée."</summary>
    public static string Summary(BookingResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var parts = new List<string>();
        if (result.Requested > 0)
        {
            parts.Add(result.Requested == 1 ? "1 jour demandé" : $"{result.Requested} jours demandés");
        }

        if (result.CancellationsRequested > 0)
        {
            parts.Add(result.CancellationsRequested == 1 ? "1 annulation demandée" : $"{result.CancellationsRequested} annulations demandées");
        }

        if (result.Withdrawn > 0)
        {
            parts.Add(result.Withdrawn == 1 ? "1 demande retirée" : $"{result.Withdrawn} demandes retirées");
        }

        return parts.Count == 0 ? "Aucune modification enregistrée." : string.Join(", ", parts) + ".";
    }

    /// <summary>"jeudi 03/12/2026, Repas : Hors délai : …".</summary>
    public static string Refusal(CellRefusal refusal)
    {
        ArgumentNullException.ThrowIfNull(refusal);
        return $"{LongDay(refusal.Date)}, {refusal.UnitName} : {refusal.Reason}";
    }
}
