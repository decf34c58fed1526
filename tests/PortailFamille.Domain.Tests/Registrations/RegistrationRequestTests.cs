using PortailFamille.Domain.Registrations;
using static PortailFamille.Domain.Tests.Catalogue.DemoCatalogue;

namespace PortailFamille.Domain.Tests.Registrations;

public class RegistrationRequestTests
{
    private const string StartOutside = "La date de début doit être comprise entre le 02/09/2026 et le 30/06/2027, dates de la période ALSH mercredi 2026/2027.";
    private const string EndOutside = "La date de fin doit être comprise entre le 02/09/2026 et le 30/06/2027, dates de la période ALSH mercredi 2026/2027.";
    private const string AlreadyValidated = "Léa a déjà une inscription à CLSH MERCREDI (ALSH mercredi 2026/2027). Un enfant n'a qu'une inscription par activité et par période : pour ajouter des jours, passez par « Mes réservations ».";
    private const string AlreadyRequested = "Léa a déjà une demande d'inscription à CLSH MERCREDI (ALSH mercredi 2026/2027), en attente de validation par le service. Un enfant n'a qu'une inscription par activité et par période : une fois la demande validée, ajoutez des jours depuis « Mes réservations ».";

    private readonly RegistrationFixture _f = new();

    [Fact]
    public void Request_ForTheWholePeriod_GivesARequestedRegistration()
    {
        var outcome = _f.Request();

        Assert.True(outcome.Succeeded);
        var registration = outcome.Value;
        Assert.NotEqual(Guid.Empty, registration.Id);
        Assert.Equal(_f.FamilyId, registration.FamilyId);
        Assert.Equal(_f.LeaId, registration.ChildId);
        Assert.Equal(_f.Activity.Id, registration.ActivityId);
        Assert.Equal(_f.Period.Id, registration.PeriodId);
        Assert.Equal(RegistrationFixture.PeriodStart, registration.Start);
        Assert.Equal(RegistrationFixture.PeriodEnd, registration.End);
        Assert.Equal(_f.Period.Dates, registration.Dates);
        Assert.Equal(_f.MorningAndMeal, registration.Pattern);
        Assert.Equal(RegistrationStatus.Requested, registration.Status);
        Assert.Null(registration.DecidedAt);
        Assert.Null(registration.RefusalReason);
    }

    [Fact]
    public void Request_RecordsTheInstantInUtc()
    {
        var registration = _f.Requested();

        Assert.Equal(RegistrationFixture.Now, registration.RequestedAt);
        Assert.Equal(TimeSpan.Zero, registration.RequestedAt.Offset);
        Assert.Equal(new DateTimeOffset(2026, 6, 15, 8, 30, 0, TimeSpan.Zero), registration.RequestedAt);
    }

    [Fact]
    public void Request_ForPartOfThePeriod_OrASingleDay_IsAccepted()
    {
        Assert.True(_f.Request(start: new DateOnly(2027, 1, 6), end: new DateOnly(2027, 3, 31)).Succeeded);
        Assert.True(_f.Request(start: RegistrationFixture.PeriodEnd, end: RegistrationFixture.PeriodEnd).Succeeded);
    }

    [Fact]
    public void Request_WithAnEmptySemaineType_IsAccepted()
    {
        var outcome = _f.Request(pattern: WeeklyPattern.Empty);

        Assert.True(outcome.Succeeded);
        Assert.True(outcome.Value.Pattern.IsEmpty);
    }

    [Fact]
    public void Request_ForAPeriodOfAnotherActivity_IsRefused()
    {
        var canteen = Canteen();
        var canteenYear = NewPeriod(canteen, "Restaurant scolaire 2026/2027", RegistrationFixture.PeriodStart, RegistrationFixture.PeriodEnd);

        AssertSingleRefusal(
            _f.Request(period: canteenYear).Refusals,
            "PeriodId",
            "Cette période n'appartient pas à l'activité CLSH MERCREDI : choisissez-en une dans la liste.");
    }

    [Fact]
    public void Request_StartingBeforeThePeriod_IsRefused()
    {
        AssertSingleRefusal(_f.Request(start: new DateOnly(2026, 9, 1)).Refusals, "Start", StartOutside);
    }

    [Fact]
    public void Request_EndingAfterThePeriod_IsRefused()
    {
        AssertSingleRefusal(_f.Request(end: new DateOnly(2027, 7, 1)).Refusals, "End", EndOutside);
    }

    [Fact]
    public void Request_WithBothDatesOutsideThePeriod_GivesBothRefusals()
    {
        var outcome = _f.Request(start: new DateOnly(2026, 7, 1), end: new DateOnly(2027, 8, 31));

        Assert.Equal([new("Start", StartOutside), new("End", EndOutside)], outcome.Refusals);
    }

    [Fact]
    public void Request_EndingBeforeItStarts_IsRefused()
    {
        AssertSingleRefusal(
            _f.Request(start: new DateOnly(2027, 3, 10), end: new DateOnly(2027, 3, 9)).Refusals,
            "End",
            "La date de fin ne peut pas précéder la date de début (10/03/2027).");
    }

    [Fact]
    public void Request_BeforeTheWindowOpens_IsRefused()
    {
        AssertSingleRefusal(
            _f.Request(today: new DateOnly(2026, 5, 31)).Refusals,
            string.Empty,
            "Les inscriptions pour cette période sont ouvertes du 01/06/2026 au 31/08/2026.");
    }

    [Fact]
    public void Request_AfterTheWindowCloses_IsRefused()
    {
        AssertSingleRefusal(
            _f.Request(today: new DateOnly(2026, 9, 1)).Refusals,
            string.Empty,
            "Les inscriptions pour cette période sont closes depuis le 01/09/2026.");
    }

    [Fact]
    public void Request_OnTheFirstAndLastDaysOfTheWindow_IsAccepted()
    {
        Assert.True(_f.Request(today: RegistrationFixture.Opens).Succeeded);
        Assert.True(_f.Request(today: RegistrationFixture.Closes).Succeeded);
    }

    [Fact]
    public void Request_WhenThePeriodHasNoWindow_IsAcceptedAnyDay()
    {
        var open = NewPeriod(_f.Activity, "ALSH mercredi 2026/2027", RegistrationFixture.PeriodStart, RegistrationFixture.PeriodEnd);

        Assert.True(_f.Request(period: open, today: new DateOnly(2027, 5, 1)).Succeeded);
    }

    [Fact]
    public void Request_ForAChildTooYoungOnTheFirstDay_IsRefused_SayingWhichDayCounts()
    {
        _f.Activity.SetAgeLimits(3, 11);

        AssertSingleRefusal(
            _f.Request(birthDate: new DateOnly(2023, 10, 1)).Refusals,
            string.Empty,
            "CLSH MERCREDI accueille les enfants de 3 à 11 ans : Léa a 2 ans au 02/09/2026, premier jour de l'inscription.");
    }

    [Fact]
    public void Request_StartingOnTheChildsThirdBirthday_IsAccepted()
    {
        _f.Activity.SetAgeLimits(3, 11);

        Assert.True(_f.Request(birthDate: new DateOnly(2023, 10, 7), start: new DateOnly(2026, 10, 7)).Succeeded);
        Assert.False(_f.Request(birthDate: new DateOnly(2023, 10, 7), start: new DateOnly(2026, 10, 6)).Succeeded);
    }

    [Fact]
    public void Request_ForAChildTooOldOnTheFirstDay_IsRefused()
    {
        _f.Activity.SetAgeLimits(3, 11);

        AssertSingleRefusal(
            _f.Request(birthDate: new DateOnly(2014, 8, 15)).Refusals,
            string.Empty,
            "CLSH MERCREDI accueille les enfants de 3 à 11 ans : Léa a 12 ans au 02/09/2026, premier jour de l'inscription.");
    }

    [Fact]
    public void Request_ForAChildWhoTurnsTooOldDuringTheRegistration_IsAccepted()
    {
        _f.Activity.SetAgeLimits(3, 11);

        Assert.True(_f.Request(birthDate: new DateOnly(2014, 12, 1)).Succeeded);
    }

    [Fact]
    public void Request_AgainstOnlyAMinimumAge_SaysFromWhichAge()
    {
        _f.Activity.SetAgeLimits(1, null);

        AssertSingleRefusal(
            _f.Request(birthDate: new DateOnly(2026, 1, 5), firstName: null).Refusals,
            string.Empty,
            "CLSH MERCREDI accueille les enfants à partir de 1 an : l'enfant a 0 an au 02/09/2026, premier jour de l'inscription.");
    }

    [Fact]
    public void Request_AgainstOnlyAMaximumAge_SaysUpToWhichAge()
    {
        _f.Activity.SetAgeLimits(null, 5);

        AssertSingleRefusal(
            _f.Request().Refusals,
            string.Empty,
            "CLSH MERCREDI accueille les enfants jusqu'à 5 ans : Léa a 7 ans au 02/09/2026, premier jour de l'inscription.");
    }

    [Fact]
    public void Request_StartingOutsideThePeriod_DoesNotJudgeTheAgeOnThatDay()
    {
        _f.Activity.SetAgeLimits(3, 11);

        AssertSingleRefusal(_f.Request(start: new DateOnly(2020, 1, 1)).Refusals, "Start", StartOutside);
    }

    [Fact]
    public void Request_WithASemaineTypeOfAnotherActivity_IsRefused()
    {
        var canteen = Canteen();
        var canteenPattern = WeeklyPattern.Create([(DayOfWeek.Monday, canteen.UnitId("Repas"))], canteen).Value;

        var outcome = _f.Request(pattern: canteenPattern);

        Assert.Equal(
            [
                new("Pattern", "CLSH MERCREDI n'a pas lieu le lundi : décochez ce jour dans la semaine type."),
                new("Pattern", "Une unité cochée dans la semaine type n'appartient pas à l'activité CLSH MERCREDI."),
            ],
            outcome.Refusals);
    }

    [Fact]
    public void Request_GivesEveryFormRefusalAtOnce()
    {
        _f.Activity.SetAgeLimits(8, null);
        var wrongDay = WeeklyPattern.FromStorage($"Friday:{_f.Activity.UnitId("Matin"):D}");

        var outcome = _f.Request(end: new DateOnly(2027, 7, 14), pattern: wrongDay);

        Assert.Equal(["End", string.Empty, "Pattern"], outcome.Refusals.Select(r => r.Field));
    }

    [Fact]
    public void Request_WhileTheSameRegistrationIsValidated_IsRefused_PointingToMesReservations()
    {
        var existing = _f.Validated();

        AssertSingleRefusal(_f.Request(existing: [existing]).Refusals, Registration.AlreadyRegistered, AlreadyValidated);
    }

    [Fact]
    public void Request_WhileTheSameRequestWaits_IsRefused()
    {
        var existing = _f.Requested();

        AssertSingleRefusal(_f.Request(existing: [existing]).Refusals, Registration.AlreadyRegistered, AlreadyRequested);
    }

    [Fact]
    public void Request_WhileBothAWaitingAndAValidatedOneExist_SpeaksOfTheValidatedOne()
    {
        AssertSingleRefusal(_f.Request(existing: [_f.Requested(), _f.Validated()]).Refusals, Registration.AlreadyRegistered, AlreadyValidated);
    }

    [Fact]
    public void Request_ADuplicate_IsRefusedEvenWithOtherDates_AndOutsideTheWindow()
    {
        var existing = _f.Validated();

        var outcome = _f.Request(start: new DateOnly(2027, 1, 6), today: new DateOnly(2026, 12, 1), existing: [existing]);

        AssertSingleRefusal(outcome.Refusals, Registration.AlreadyRegistered, AlreadyValidated);
    }

    [Fact]
    public void Request_ADuplicateWithoutFirstName_SpeaksOfTheChild()
    {
        var existing = _f.Validated();

        AssertSingleRefusal(
            _f.Request(existing: [existing], firstName: "  ").Refusals,
            Registration.AlreadyRegistered,
            "Cet enfant a déjà une inscription à CLSH MERCREDI (ALSH mercredi 2026/2027). Un enfant n'a qu'une inscription par activité et par période : pour ajouter des jours, passez par « Mes réservations ».");
    }

    [Fact]
    public void Request_ADuplicate_OfAPeriodNamedAfterItsActivity_NamesTheActivityOnce()
    {
        var period = NewPeriod(_f.Activity, "Clsh mercredi 2026/2027", RegistrationFixture.PeriodStart, RegistrationFixture.PeriodEnd, RegistrationFixture.Opens, RegistrationFixture.Closes);
        var existing = _f.Request(period: period).Value;
        existing.Validate(RegistrationFixture.Now);

        AssertSingleRefusal(
            _f.Request(period: period, existing: [existing]).Refusals,
            Registration.AlreadyRegistered,
            "Léa a déjà une inscription à Clsh mercredi 2026/2027. Un enfant n'a qu'une inscription par activité et par période : pour ajouter des jours, passez par « Mes réservations ».");
    }

    [Fact]
    public void Request_AfterARefusal_IsAccepted()
    {
        var refused = _f.Refused();

        Assert.True(_f.Request(existing: [refused]).Succeeded);
    }

    [Fact]
    public void Request_IsNotBlockedByAnotherChild_AnotherPeriod_OrAnotherActivity()
    {
        var brothers = _f.Request(childId: Guid.NewGuid(), firstName: "Tom").Value;
        var nextYear = NewPeriod(_f.Activity, "ALSH mercredi 2027/2028", new DateOnly(2027, 9, 1), new DateOnly(2028, 6, 30));
        var nextYears = _f.Request(period: nextYear, start: nextYear.Start, end: nextYear.End).Value;
        var canteen = Canteen();
        var canteenYear = NewPeriod(canteen, "Restaurant scolaire 2026/2027", RegistrationFixture.PeriodStart, RegistrationFixture.PeriodEnd);
        var canteens = Registration.Request(
            _f.FamilyId, _f.LeaId, "Léa", RegistrationFixture.LeaBirthDate, canteen, canteenYear,
            RegistrationFixture.PeriodStart, RegistrationFixture.PeriodEnd, WeeklyPattern.Empty, [], RegistrationFixture.Today, RegistrationFixture.Now).Value;

        Assert.True(_f.Request(existing: [brothers, nextYears, canteens]).Succeeded);
    }

    [Fact]
    public void Request_WithoutFamilyOrChild_IsABug()
    {
        Assert.Throws<ArgumentException>(() => _f.Request(childId: Guid.Empty));
    }
}
