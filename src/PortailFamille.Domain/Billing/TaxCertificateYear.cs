using System.Globalization;
using PortailFamille.Domain.Common;

namespace PortailFamille.Domain.Billing;

/// <summary>
/// The year an agent may issue every family's tax certificate for (docs/product.md 4.8 and 5):
/// a year that is over, since a payment received on 31 December still counts, and not before the
/// first payment the portal holds, since there would be nothing to certify.
/// </summary>
public static class TaxCertificateYear
{
    /// <summary>The field's name in refusals.</summary>
    public const string Field = "Year";

    /// <summary>
    /// The year typed, checked; each refusal says in French what to choose instead.
    /// </summary>
    /// <param name="text">The year as typed, e.g. "2026".</param>
    /// <param name="today">Today in Paris.</param>
    /// <param name="firstPayment">The day of the first payment the portal holds; null when it holds none.</param>
    public static Outcome<int> Check(string? text, DateOnly today, DateOnly? firstPayment)
    {
        var lastOver = today.Year - 1;
        var trimmed = text?.Trim() ?? "";
        if (trimmed.Length != 4 || !int.TryParse(trimmed, NumberStyles.None, CultureInfo.InvariantCulture, out var year))
        {
            return Refused($"Saisissez l'année sur quatre chiffres, par exemple {lastOver}.");
        }

        if (year > lastOver)
        {
            return Refused($"L'année {year} n'est pas terminée : ses attestations fiscales pourront être établies à partir du 01/01/{year + 1}.");
        }

        if (firstPayment is not { } first)
        {
            return Refused("Aucun règlement n'est enregistré dans le portail : il n'y a aucune attestation fiscale à établir.");
        }

        if (year < first.Year)
        {
            return Refused($"Le portail ne contient aucun règlement avant {first.Year} : choisissez une année à partir de {first.Year}.");
        }

        return Outcome<int>.Success(year);

        static Outcome<int> Refused(string message) => Outcome<int>.Refused([new Refusal(Field, message)]);
    }
}
