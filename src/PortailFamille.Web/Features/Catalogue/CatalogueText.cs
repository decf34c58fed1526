using System.Globalization;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using PortailFamille.Domain.Calendar;
using PortailFamille.Domain.Catalogue;
using PortailFamille.Domain.Common;

namespace PortailFamille.Web.Features.Catalogue;

/// <summary>The French words and formats of the catalogue pages: days, school rule, deadline, hours.</summary>
public static class CatalogueText
{
    /// <summary>"lun. mar. jeu. ven.".</summary>
    public static string Weekdays(int mask) => string.Join(' ', WeekdayMask.Days(mask).Select(FrenchDates.ShortDay));

    public static string SchoolRule(SchoolTimeRule rule) => rule switch
    {
        SchoolTimeRule.SchoolDaysOnly => "Jours d'école",
        SchoolTimeRule.HolidaysOnly => "Vacances scolaires",
        _ => "Toute l'année",
    };

    public static string Validation(ValidationMode mode) => mode == ValidationMode.Automatic ? "Automatique" : "Manuelle";

    /// <summary>"3 jours ouvrés, avant 23:59".</summary>
    public static string Deadline(int workingDays, TimeOnly cutOff) =>
        $"{workingDays} {(workingDays > 1 ? "jours ouvrés" : "jour ouvré")}, avant {Time(cutOff)}";

    /// <summary>"3 à 11 ans", "à partir de 3 ans", "jusqu'à 11 ans", "tous âges".</summary>
    public static string Ages(int? min, int? max) => (min, max) switch
    {
        (null, null) => "tous âges",
        ({ } a, null) => $"à partir de {a} ans",
        (null, { } b) => $"jusqu'à {b} ans",
        ({ } a, { } b) => $"{a} à {b} ans",
    };

    /// <summary>"07:30".</summary>
    public static string Time(TimeOnly time) => time.ToString("HH:mm", CultureInfo.InvariantCulture);

    /// <summary>Reads "07:30" or "7h30"; null otherwise.</summary>
    public static TimeOnly? ParseTime(string? text)
    {
        var clean = text?.Trim().Replace('h', ':').Replace('H', ':');
        if (clean is not null && clean.EndsWith(':'))
        {
            clean += "00";
        }

        return TimeOnly.TryParseExact(clean, ["HH:mm", "H:mm"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var time) ? time : null;
    }

    /// <summary>Reads a whole number; null when empty or unreadable (<paramref name="readable"/> tells which).</summary>
    public static int? ParseInt(string? text, out bool readable)
    {
        readable = true;
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (int.TryParse(text.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }

        readable = false;
        return null;
    }

    /// <summary>The domain's refusals as form errors, each on its field under <paramref name="prefix"/>.</summary>
    public static void AddRefusals(ModelStateDictionary modelState, IEnumerable<Refusal> refusals, string prefix, Func<string, string>? rename = null)
    {
        foreach (var refusal in refusals)
        {
            var field = rename is null ? refusal.Field : rename(refusal.Field);
            modelState.AddModelError(string.IsNullOrEmpty(field) ? string.Empty : prefix + field, refusal.Message);
        }
    }
}
