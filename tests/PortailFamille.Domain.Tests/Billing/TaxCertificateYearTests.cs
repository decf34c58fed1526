using PortailFamille.Domain.Billing;

namespace PortailFamille.Domain.Tests.Billing;

public class TaxCertificateYearTests
{
    private static readonly DateOnly Today = new(2027, 1, 13);

    private static readonly DateOnly FirstPayment = new(2025, 9, 2);

    [Theory]
    [InlineData("2026", 2026)]
    [InlineData(" 2025 ", 2025)]
    public void A_year_over_since_the_first_payment_is_taken(string text, int expected) =>
        Assert.Equal(expected, TaxCertificateYear.Check(text, Today, FirstPayment).Value);

    [Theory]
    [InlineData(null, "Saisissez l'année sur quatre chiffres, par exemple 2026.")]
    [InlineData("", "Saisissez l'année sur quatre chiffres, par exemple 2026.")]
    [InlineData("deux mille", "Saisissez l'année sur quatre chiffres, par exemple 2026.")]
    [InlineData("-2026", "Saisissez l'année sur quatre chiffres, par exemple 2026.")]
    [InlineData("99999999999", "Saisissez l'année sur quatre chiffres, par exemple 2026.")]
    [InlineData("2027", "L'année 2027 n'est pas terminée : ses attestations fiscales pourront être établies à partir du 01/01/2028.")]
    [InlineData("9999", "L'année 9999 n'est pas terminée : ses attestations fiscales pourront être établies à partir du 01/01/10000.")]
    [InlineData("2024", "Le portail ne contient aucun règlement avant 2025 : choisissez une année à partir de 2025.")]
    [InlineData("0001", "Le portail ne contient aucun règlement avant 2025 : choisissez une année à partir de 2025.")]
    public void Any_other_text_is_refused_in_French(string? text, string message)
    {
        var outcome = TaxCertificateYear.Check(text, Today, FirstPayment);
        Assert.False(outcome.Succeeded);
        var refusal = Assert.Single(outcome.Refusals);
        Assert.Equal((TaxCertificateYear.Field, message), (refusal.Field, refusal.Message));
    }

    [Fact]
    public void Without_any_payment_there_is_nothing_to_certify() =>
        Assert.Equal(
            "Aucun règlement n'est enregistré dans le portail : il n'y a aucune attestation fiscale à établir.",
            Assert.Single(TaxCertificateYear.Check("2026", Today, null).Refusals).Message);
}
