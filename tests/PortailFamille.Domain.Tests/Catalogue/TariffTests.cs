using PortailFamille.Domain.Catalogue;
using static PortailFamille.Domain.Tests.Catalogue.DemoCatalogue;

namespace PortailFamille.Domain.Tests.Catalogue;

/// <summary>
/// The grid of the demo canteen: 0–400 at 1,20 €, 401–800 at
/// 2,50 €, from 801 at 3,80 €, and 5,00 € for families living outside the commune.
/// </summary>
public class TariffTests
{
    private readonly Activity _canteen = Canteen();

    private Guid Repas => _canteen.UnitId("Repas");

    private List<Tariff> DemoGrid() =>
    [
        new(Repas, 0, 400, 1.20m, false),
        new(Repas, 401, 800, 2.50m, false),
        new(Repas, 801, null, 3.80m, false),
        new(Repas, null, null, 5.00m, true),
    ];

    [Theory]
    [InlineData(0, 1.20)]
    [InlineData(400, 1.20)]
    [InlineData(401, 2.50)]
    [InlineData(542, 2.50)]
    [InlineData(800, 2.50)]
    [InlineData(801, 3.80)]
    [InlineData(25_000, 3.80)]
    public void PriceFor_ACommuneFamily_IsTheBracketOfItsQuotient_BoundsIncluded(int quotient, double expected)
    {
        Assert.True(_canteen.SetTariffs(DemoGrid()).Succeeded);

        Assert.Equal((decimal)expected, _canteen.PriceFor(Repas, quotient, outOfCommune: false));
    }

    [Fact]
    public void PriceFor_AFamilyWithoutAKnownQuotient_PaysTheHighestBracket()
    {
        _canteen.SetTariffs(DemoGrid());

        Assert.Equal(3.80m, _canteen.PriceFor(Repas, null, outOfCommune: false));
    }

    [Fact]
    public void PriceFor_TheHighestBracketIsTheOneOfTheLargestQuotients_WhateverTheOrderTyped()
    {
        _canteen.SetTariffs([new(Repas, 801, null, 3.80m, false), new(Repas, 0, 800, 2.00m, false)]);

        Assert.Equal(3.80m, _canteen.PriceFor(Repas, null, outOfCommune: false));
    }

    [Theory]
    [InlineData(100)]
    [InlineData(1200)]
    [InlineData(null)]
    public void PriceFor_AnOutOfCommuneFamily_PaysTheOutOfCommuneTariff_WhateverItsQuotient(int? quotient)
    {
        _canteen.SetTariffs(DemoGrid());

        Assert.Equal(5.00m, _canteen.PriceFor(Repas, quotient, outOfCommune: true));
    }

    [Fact]
    public void PriceFor_AnOutOfCommuneFamily_PaysTheCommunesGrid_WhenThereIsNoOutOfCommuneTariff()
    {
        _canteen.SetTariffs(DemoGrid().Where(t => !t.OutOfCommune));

        Assert.Equal(1.20m, _canteen.PriceFor(Repas, 300, outOfCommune: true));
        Assert.Equal(3.80m, _canteen.PriceFor(Repas, null, outOfCommune: true));
    }

    [Theory]
    [InlineData(300, 4.00)]
    [InlineData(801, 6.00)]
    [InlineData(null, 6.00)]
    public void PriceFor_AnOutOfCommuneGridWithBrackets_FollowsTheQuotient(int? quotient, double expected)
    {
        Assert.True(_canteen.SetTariffs(
        [
            new(Repas, null, null, 2.00m, false),
            new(Repas, null, 800, 4.00m, true),
            new(Repas, 801, null, 6.00m, true),
        ]).Succeeded);

        Assert.Equal((decimal)expected, _canteen.PriceFor(Repas, quotient, outOfCommune: true));
        Assert.Equal(2.00m, _canteen.PriceFor(Repas, quotient, outOfCommune: false));
    }

    [Fact]
    public void PriceFor_EachUnitHasItsOwnGrid()
    {
        var centre = WednesdayCentre();
        var matin = centre.UnitId("Matin");
        var repas = centre.UnitId("Repas");
        Assert.True(centre.SetTariffs([new(matin, null, null, 4.50m, false), new(repas, null, null, 3.10m, false)]).Succeeded);

        Assert.Equal(4.50m, centre.PriceFor(matin, 500, false));
        Assert.Equal(3.10m, centre.PriceFor(repas, 500, false));
        Assert.True(centre.HasTariff(matin));
        Assert.False(centre.HasTariff(centre.UnitId("Après-midi")));
        Assert.Throws<InvalidOperationException>(() => centre.PriceFor(centre.UnitId("Après-midi"), 500, false));
    }

    [Fact]
    public void PriceFor_AFreeUnit_CostsNothing()
    {
        _canteen.SetTariffs([new(Repas, null, null, 0m, false)]);

        Assert.Equal(0m, _canteen.PriceFor(Repas, 100, false));
    }

    [Fact]
    public void PriceFor_AUnitWithoutTariff_AnUnknownUnit_OrANegativeQuotient_Throws()
    {
        Assert.Throws<InvalidOperationException>(() => _canteen.PriceFor(Repas, 100, false));
        _canteen.SetTariffs(DemoGrid());
        Assert.Throws<ArgumentException>(() => _canteen.PriceFor(Guid.NewGuid(), 100, false));
        Assert.Throws<ArgumentOutOfRangeException>(() => _canteen.PriceFor(Repas, -1, false));
    }

    [Fact]
    public void SetTariffs_ReplacesTheWholeGrid()
    {
        _canteen.SetTariffs(DemoGrid());

        Assert.True(_canteen.SetTariffs([new(Repas, null, null, 3.00m, false)]).Succeeded);

        Assert.Single(_canteen.Tariffs);
        Assert.Equal(3.00m, _canteen.PriceFor(Repas, 100, true));
    }

    [Fact]
    public void SetTariffs_Empty_RemovesEveryTariff()
    {
        _canteen.SetTariffs(DemoGrid());

        Assert.True(_canteen.SetTariffs([]).Succeeded);

        Assert.Empty(_canteen.Tariffs);
        Assert.False(_canteen.HasTariff(Repas));
    }

    [Fact]
    public void SetTariffs_WithOverlappingBrackets_IsRefused_AndKeepsTheGrid()
    {
        _canteen.SetTariffs(DemoGrid());

        var outcome = _canteen.SetTariffs([new(Repas, 0, 400, 1.20m, false), new(Repas, 300, null, 2.50m, false)]);

        AssertSingleRefusal(outcome.Refusals, "Tariffs", "Repas : les tranches de 0 à 400 et à partir de 300 se chevauchent ; un quotient ne doit relever que d'une tranche.");
        Assert.Equal(DemoGrid(), _canteen.Tariffs);
    }

    [Fact]
    public void SetTariffs_WithTwoOpenBrackets_IsRefusedAsOverlapping()
    {
        var outcome = _canteen.SetTariffs([new(Repas, null, null, 1.20m, false), new(Repas, 801, null, 2.50m, false)]);

        AssertSingleRefusal(outcome.Refusals, "Tariffs", "Repas : les tranches tous les quotients et à partir de 801 se chevauchent ; un quotient ne doit relever que d'une tranche.");
    }

    [Fact]
    public void SetTariffs_WithABracketSharingABound_IsRefusedAsOverlapping()
    {
        var outcome = _canteen.SetTariffs([new(Repas, 0, 400, 1.20m, false), new(Repas, 400, null, 2.50m, false)]);

        AssertSingleRefusal(outcome.Refusals, "Tariffs", "Repas : les tranches de 0 à 400 et à partir de 400 se chevauchent ; un quotient ne doit relever que d'une tranche.");
    }

    [Fact]
    public void SetTariffs_WithAGapBetweenBrackets_IsRefused()
    {
        var outcome = _canteen.SetTariffs([new(Repas, 0, 400, 1.20m, false), new(Repas, 501, null, 2.50m, false)]);

        AssertSingleRefusal(outcome.Refusals, "Tariffs", "Repas : aucune tranche ne couvre les quotients de 401 à 500 ; les tranches doivent se suivre sans trou.");
    }

    [Fact]
    public void SetTariffs_MissingASingleQuotient_IsRefused()
    {
        var outcome = _canteen.SetTariffs([new(Repas, 0, 400, 1.20m, false), new(Repas, 402, null, 2.50m, false)]);

        AssertSingleRefusal(outcome.Refusals, "Tariffs", "Repas : aucune tranche ne couvre le quotient 401 ; les tranches doivent se suivre sans trou.");
    }

    [Fact]
    public void SetTariffs_NotStartingAt0_IsRefused()
    {
        var outcome = _canteen.SetTariffs([new(Repas, 100, null, 1.20m, false)]);

        AssertSingleRefusal(outcome.Refusals, "Tariffs", "Repas : aucune tranche ne couvre les quotients de 0 à 99 ; les tranches doivent se suivre sans trou.");
    }

    [Fact]
    public void SetTariffs_WithAClosedLastBracket_IsRefused()
    {
        var outcome = _canteen.SetTariffs([new(Repas, 0, 400, 1.20m, false), new(Repas, 401, 800, 2.50m, false)]);

        AssertSingleRefusal(outcome.Refusals, "Tariffs", "Repas : aucune tranche ne couvre les quotients au-delà de 800 ; laissez vide la fin de la dernière tranche.");
    }

    [Fact]
    public void SetTariffs_ChecksTheOutOfCommuneGridOnItsOwn()
    {
        var outcome = _canteen.SetTariffs([new(Repas, null, null, 2.00m, false), new(Repas, 0, 500, 4.00m, true)]);

        AssertSingleRefusal(outcome.Refusals, "Tariffs", "Repas (hors commune) : aucune tranche ne couvre les quotients au-delà de 500 ; laissez vide la fin de la dernière tranche.");
    }

    [Fact]
    public void SetTariffs_AnOutOfCommuneTariffWithoutACommuneOne_IsRefused()
    {
        var outcome = _canteen.SetTariffs([new(Repas, null, null, 5.00m, true)]);

        AssertSingleRefusal(outcome.Refusals, "Tariffs", "Repas : saisissez le tarif de la commune avant le tarif hors commune.");
    }

    [Theory]
    [InlineData(-0.01, "Le tarif doit être compris entre 0 et 1 000 €.")]
    [InlineData(1000.01, "Le tarif doit être compris entre 0 et 1 000 €.")]
    [InlineData(2.505, "Le tarif s'écrit avec au plus 2 décimales.")]
    public void SetTariffs_AWrongPrice_IsRefused_ByItsPosition(double price, string message)
    {
        var outcome = _canteen.SetTariffs([new(Repas, 0, 400, 1.20m, false), new(Repas, 401, null, (decimal)price, false)]);

        AssertSingleRefusal(outcome.Refusals, "Tariffs[1].Price", message);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(1000.0)]
    [InlineData(12.5)]
    public void SetTariffs_AcceptsPricesFrom0To1000Euros(double price)
    {
        Assert.True(_canteen.SetTariffs([new(Repas, null, null, (decimal)price, false)]).Succeeded);
    }

    [Fact]
    public void SetTariffs_NegativeQuotients_AreRefused()
    {
        var outcome = _canteen.SetTariffs([new(Repas, -5, -1, 1.20m, false)]);

        Assert.Equal(
            [
                new("Tariffs[0].QuotientFrom", "Les quotients d'une tranche sont des nombres positifs ou nuls."),
                new("Tariffs[0].QuotientTo", "Les quotients d'une tranche sont des nombres positifs ou nuls."),
            ],
            outcome.Refusals);
    }

    [Fact]
    public void SetTariffs_ABracketEndingBeforeItStarts_IsRefused()
    {
        var outcome = _canteen.SetTariffs([new(Repas, 800, 401, 1.20m, false)]);

        AssertSingleRefusal(outcome.Refusals, "Tariffs[0].QuotientTo", "La fin de la tranche doit être supérieure ou égale à son début.");
    }

    [Fact]
    public void SetTariffs_ForAnotherActivitysUnit_IsRefused()
    {
        var outcome = _canteen.SetTariffs([new(WednesdayCentre().UnitId("Repas"), null, null, 1.20m, false)]);

        AssertSingleRefusal(outcome.Refusals, "Tariffs[0].UnitId", "Cette unité n'appartient pas à l'activité Restaurant scolaire.");
    }

    [Fact]
    public void SetTariffs_OneBracketOfOneQuotient_IsABracket()
    {
        Assert.True(_canteen.SetTariffs([new(Repas, 0, 0, 0.50m, false), new(Repas, 1, null, 1.00m, false)]).Succeeded);

        Assert.Equal(0.50m, _canteen.PriceFor(Repas, 0, false));
        Assert.Equal(1.00m, _canteen.PriceFor(Repas, 1, false));
    }

    [Theory]
    [InlineData(null, null, "tous les quotients")]
    [InlineData(0, null, "tous les quotients")]
    [InlineData(801, null, "à partir de 801")]
    [InlineData(null, 400, "de 0 à 400")]
    [InlineData(401, 800, "de 401 à 800")]
    public void DescribeBracket_SaysTheQuotientsInFrench(int? from, int? to, string expected)
    {
        Assert.Equal(expected, new Tariff(Guid.NewGuid(), from, to, 1m, false).DescribeBracket());
    }

    [Theory]
    [InlineData(1.00, 3.00, true)]
    [InlineData(null, null, true)]
    [InlineData(0.0, 0.0, true)]
    [InlineData(-1.0, null, false)]
    [InlineData(null, 1000.01, false)]
    [InlineData(0.005, null, false)]
    public void SetBillingOptions_TakesASurchargeAndAPenaltyInCentsUpTo1000Euros(double? surcharge, double? penalty, bool accepted)
    {
        var outcome = _canteen.SetBillingOptions((decimal?)surcharge, (decimal?)penalty);

        Assert.Equal(accepted, outcome.Succeeded);
        if (accepted)
        {
            Assert.Equal(surcharge is null or 0 ? null : (decimal?)surcharge, _canteen.UnexpectedSurcharge);
            Assert.Equal(penalty is null or 0 ? null : (decimal?)penalty, _canteen.AbsencePenalty);
        }
    }
}
