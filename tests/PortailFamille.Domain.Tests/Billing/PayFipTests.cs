using System.Text.RegularExpressions;
using CsCheck;
using PortailFamille.Domain.Billing;

namespace PortailFamille.Domain.Tests.Billing;

/// <summary>The values sent to the treasury's PayFiP service, and how its answers are read.</summary>
public class PayFipTests
{
    [Fact]
    public void RefDet_IsNewForEachAttempt_AndInTheProtocolsAlphabet() =>
        Gen.Guid.Sample(id =>
        {
            var refDet = PayFip.RefDet(id);
            return Regex.IsMatch(refDet, "^[A-Za-z0-9]{1,30}$") && PayFip.IsValidRefDet(refDet) && refDet == PayFip.RefDet(id);
        });

    [Fact]
    public void RefDet_OfTwoAttempts_Differ() =>
        Gen.Select(Gen.Guid, Gen.Guid).Sample((a, b) => a == b || PayFip.RefDet(a) != PayFip.RefDet(b));

    [Fact]
    public void RefDet_OfTheExtremeIds_KeepTheirWidth()
    {
        Assert.Equal(new string('0', 25), PayFip.RefDet(Guid.Empty));
        Assert.Equal("F5LXX1ZZ5PNORYNQGLHZMSP33", PayFip.RefDet(Guid.AllBitsSet));
    }

    [Theory]
    [InlineData("A", true)]
    [InlineData("abcDEF0123456789abcDEF01234567", true)]
    [InlineData("abcDEF0123456789abcDEF012345678", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    [InlineData("2026-000123", false)]
    [InlineData("Léa", false)]
    public void IsValidRefDet_IsOneTo30AsciiLettersOrDigits(string? refDet, bool valid) =>
        Assert.Equal(valid, PayFip.IsValidRefDet(refDet));

    [Theory]
    [InlineData("Facture 2026-000123 Famille MARTIN Léa", "Facture 2026 000123 Famille MARTIN Lea")]
    [InlineData("Cœur Æther François Noël Ÿ", "Coeur AEther Francois Noel Y")]
    [InlineData("  Périscolaire   (été)  —  N°12 ", "Periscolaire ete N 12")]
    [InlineData("L'Haÿ-les-Roses", "L Hay les Roses")]
    [InlineData("€€€", "")]
    [InlineData("Straße 日本", "Strasse")]
    public void Objet_IsWrittenInTheProtocolsAlphabet(string text, string expected) =>
        Assert.Equal(expected, PayFip.Objet(text));

    [Fact]
    public void Objet_IsCutAt100Characters_WithoutATrailingSpace()
    {
        var objet = PayFip.Objet(string.Concat(Enumerable.Repeat("Famille ", 20)));

        Assert.True(objet.Length <= 100);
        Assert.False(objet.EndsWith(' '));
        Assert.StartsWith("Famille Famille", objet, StringComparison.Ordinal);
    }

    [Fact]
    public void Objet_OfAnyText_IsAllowed() =>
        Gen.String.Sample(text => Regex.IsMatch(PayFip.Objet(text), "^([A-Za-z0-9]+( [A-Za-z0-9]+)*)?$") && PayFip.Objet(text).Length <= 100);

    [Theory]
    [InlineData(0.01, 1)]
    [InlineData(42.50, 4250)]
    [InlineData(1083.33, 108333)]
    public void AmountInCents_IsTheAmountInWholeCents(double euros, long cents) =>
        Assert.Equal(cents, PayFip.AmountInCents((decimal)euros).Value);

    [Theory]
    [InlineData(0)]
    [InlineData(-3)]
    [InlineData(12.345)]
    public void AmountInCents_RefusesNothingToPay_OrAFractionOfACent(double euros) =>
        Assert.Equal("Amount", Assert.Single(PayFip.AmountInCents((decimal)euros).Refusals).Field);

    [Theory]
    [InlineData("T", PayFipSaisie.Test)]
    [InlineData(" x ", PayFipSaisie.Activation)]
    [InlineData("W", PayFipSaisie.Production)]
    [InlineData("test", PayFipSaisie.Test)]
    [InlineData("Activation", PayFipSaisie.Activation)]
    [InlineData("PRODUCTION", PayFipSaisie.Production)]
    public void Saisie_IsReadFromItsLetterOrItsName(string value, PayFipSaisie expected)
    {
        Assert.True(PayFip.TryParseSaisie(value, out var saisie));
        Assert.Equal(expected, saisie);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("P")]
    [InlineData("Prod")]
    [InlineData("84")]
    public void Saisie_IsNotGuessed(string? value) => Assert.False(PayFip.TryParseSaisie(value, out _));

    [Theory]
    [InlineData(PayFipSaisie.Test, 'T')]
    [InlineData(PayFipSaisie.Activation, 'X')]
    [InlineData(PayFipSaisie.Production, 'W')]
    public void Saisie_IsSentAsItsLetter(PayFipSaisie saisie, char letter) => Assert.Equal(letter, PayFip.Code(saisie));

    [Theory]
    [InlineData("P", PayFipOutcome.Paid)]
    [InlineData("V", PayFipOutcome.Paid)]
    [InlineData("R", PayFipOutcome.Refused)]
    [InlineData("Z", PayFipOutcome.Refused)]
    [InlineData("A", PayFipOutcome.Abandoned)]
    [InlineData("p", PayFipOutcome.Unknown)]
    [InlineData("", PayFipOutcome.Unknown)]
    [InlineData(null, PayFipOutcome.Unknown)]
    [InlineData("X", PayFipOutcome.Unknown)]
    public void Resultrans_IsRead(string? resultrans, PayFipOutcome expected) => Assert.Equal(expected, PayFip.Outcome(resultrans));

    [Theory]
    [InlineData("P5", PayFipOutcome.Pending)]
    [InlineData("P1", PayFipOutcome.UnknownOperation)]
    [InlineData("P2", PayFipOutcome.Unknown)]
    [InlineData(null, PayFipOutcome.Unknown)]
    public void Faults_AreRead(string? code, PayFipOutcome expected) => Assert.Equal(expected, PayFip.FaultOutcome(code));

    [Fact]
    public void Lifetimes_AreTheProtocols()
    {
        var start = new DateTimeOffset(2026, 12, 15, 10, 0, 0, TimeSpan.Zero);

        Assert.True(PayFip.IsIdOpValid(start, start.AddMinutes(15).AddTicks(-1)));
        Assert.False(PayFip.IsIdOpValid(start, start.AddMinutes(15)));
        Assert.False(PayFip.HasOutlived(start, start.AddMinutes(20).AddTicks(-1)));
        Assert.True(PayFip.HasOutlived(start, start.AddMinutes(20)));
    }
}
