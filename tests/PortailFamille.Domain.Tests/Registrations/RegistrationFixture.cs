using PortailFamille.Domain.Catalogue;
using PortailFamille.Domain.Common;
using PortailFamille.Domain.Registrations;
using PortailFamille.Domain.Tests.Catalogue;

namespace PortailFamille.Domain.Tests.Registrations;

/// <summary>
/// Léa, 7, asks for the Wednesday centre of 2026/2027 (02/09/2026 to 30/06/2027), whose
/// requests are accepted from 01/06/2026 to 31/08/2026, on 15/06/2026.
/// </summary>
internal sealed class RegistrationFixture
{
    public static readonly DateOnly PeriodStart = new(2026, 9, 2);
    public static readonly DateOnly PeriodEnd = new(2027, 6, 30);
    public static readonly DateOnly Opens = new(2026, 6, 1);
    public static readonly DateOnly Closes = new(2026, 8, 31);
    public static readonly DateOnly Today = new(2026, 6, 15);
    public static readonly DateTimeOffset Now = new(2026, 6, 15, 10, 30, 0, TimeSpan.FromHours(2));
    public static readonly DateOnly LeaBirthDate = new(2019, 3, 14);

    public RegistrationFixture()
    {
        Activity = DemoCatalogue.WednesdayCentre();
        Period = DemoCatalogue.NewPeriod(Activity, "ALSH mercredi 2026/2027", PeriodStart, PeriodEnd, Opens, Closes);
        MorningAndMeal = WeeklyPattern.Create(
            [(DayOfWeek.Wednesday, Activity.UnitId("Matin")), (DayOfWeek.Wednesday, Activity.UnitId("Repas"))],
            Activity).Value;
    }

    public Guid FamilyId { get; } = Guid.NewGuid();

    public Guid LeaId { get; } = Guid.NewGuid();

    public Activity Activity { get; }

    public Period Period { get; }

    public WeeklyPattern MorningAndMeal { get; }

    public Outcome<Registration> Request(
        DateOnly? start = null,
        DateOnly? end = null,
        IEnumerable<Registration>? existing = null,
        DateOnly? today = null,
        DateOnly? birthDate = null,
        WeeklyPattern? pattern = null,
        Period? period = null,
        Guid? childId = null,
        string? firstName = "Léa") =>
        Registration.Request(
            FamilyId,
            childId ?? LeaId,
            firstName,
            birthDate ?? LeaBirthDate,
            Activity,
            period ?? Period,
            start ?? PeriodStart,
            end ?? PeriodEnd,
            pattern ?? MorningAndMeal,
            existing ?? [],
            today ?? Today,
            Now);

    public Registration Requested()
    {
        var outcome = Request();
        Assert.True(outcome.Succeeded, string.Join(" | ", outcome.Refusals));
        return outcome.Value;
    }

    public Registration Validated()
    {
        var registration = Requested();
        Assert.True(registration.Validate(Now.AddDays(2)).Succeeded);
        return registration;
    }

    public Registration Refused()
    {
        var registration = Requested();
        Assert.True(registration.Refuse("Dossier incomplet : fournissez l'attestation d'assurance.", Now.AddDays(2)).Succeeded);
        return registration;
    }

    public Registration In(RegistrationStatus status) => status switch
    {
        RegistrationStatus.Requested => Requested(),
        RegistrationStatus.Validated => Validated(),
        RegistrationStatus.Refused => Refused(),
        _ => throw new ArgumentOutOfRangeException(nameof(status)),
    };
}
