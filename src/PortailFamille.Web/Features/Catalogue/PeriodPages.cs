using Microsoft.AspNetCore.Mvc.ModelBinding;
using PortailFamille.Web.Infrastructure.Time;

namespace PortailFamille.Web.Features.Catalogue;

/// <summary>The dates of a period's forms, typed jj/mm/aaaa.</summary>
public static class PeriodDates
{
    /// <summary>A required date, or an error on <paramref name="key"/>.</summary>
    public static DateOnly? Required(ModelStateDictionary modelState, string key, string? text, string what)
    {
        var date = ParisClock.ParseDate(text);
        if (date is null)
        {
            modelState.AddModelError(key, ParisClock.DateMessage(text, $"Saisissez {what} au format jj/mm/aaaa."));
        }

        return date;
    }

    /// <summary>An optional date: empty is null, unreadable is an error on <paramref name="key"/>.</summary>
    public static DateOnly? Optional(ModelStateDictionary modelState, string key, string? text, string what)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        return Required(modelState, key, text, what);
    }

    public static string? Format(DateOnly? date) => date is { } d ? ParisClock.FormatDate(d) : null;

    public static string Window(DateOnly? opens, DateOnly? closes) =>
        $"demandes {(opens is { } o ? $"du {ParisClock.FormatDate(o)}" : "dès maintenant")} {(closes is { } c ? $"au {ParisClock.FormatDate(c)}" : "sans date de fin")}";
}
