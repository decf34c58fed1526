using System.Net;
using Microsoft.EntityFrameworkCore;
using PortailFamille.Domain.Calendar;
using PortailFamille.Domain.Catalogue;
using PortailFamille.Web.Tests.Infrastructure;

namespace PortailFamille.Web.Tests.Catalogue;

/// <summary>An administrator describes the commune's offer in the back office.</summary>
public sealed class CatalogueTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private async Task<PortalClient> AdminAsync()
    {
        var admin = factory.NewClient();
        await admin.SignInStaffAsync(Demo.AdminEmail, Demo.AdminPassword);
        return admin;
    }

    /// <summary>Posts fields as the page's form would, with its antiforgery token (for repeated names such as checkboxes).</summary>
    internal static async Task<HtmlPage> PostWithTokenAsync(PortalClient client, string url, List<KeyValuePair<string, string>> fields)
    {
        var page = await client.GetAsync(url);
        var token = page.Document.QuerySelector("main form input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        fields.Add(new("__RequestVerificationToken", token));
        return await client.PostAsync(url, fields);
    }

    /// <summary>Creates an équipement, a type and an activity with Matin and Repas through the pages.</summary>
    private async Task<(Guid FacilityId, Guid TypeId, Activity Activity)> CreateOfferAsync(PortalClient admin, string suffix)
    {
        var facility = await admin.SubmitAsync("/gestion/catalogue", new Dictionary<string, string> { ["NewFacility"] = $"Maison des enfants {suffix}" }, "#form-nouvel-equipement");
        Assert.Equal("/gestion/catalogue", facility.Location);
        var facilityId = await factory.WithDbAsync(db => db.Facilities.Where(f => f.Name == $"Maison des enfants {suffix}").Select(f => f.Id).SingleAsync());

        var type = await admin.SubmitAsync("/gestion/catalogue", new Dictionary<string, string> { ["NewType"] = $"Accueil {suffix}" }, $"form[action*='facilityId={facilityId}']");
        Assert.Equal("/gestion/catalogue", type.Location);
        var typeId = await factory.WithDbAsync(db => db.ActivityTypes.Where(t => t.Name == $"Accueil {suffix}").Select(t => t.Id).SingleAsync());

        var created = await PostWithTokenAsync(admin, "/gestion/catalogue/activites/nouvelle",
        [
            new("TypeId", typeId.ToString()),
            new("Name", $"Mercredis {suffix}"),
            new("Weekdays", "Monday"),
            new("Weekdays", "Tuesday"),
            new("Weekdays", "Thursday"),
            new("Weekdays", "Friday"),
            new("SchoolTimeRule", "SchoolDaysOnly"),
            new("Units[0].Name", "Matin"),
            new("Units[0].Start", "07:30"),
            new("Units[0].End", "08:30"),
            new("Units[0].Capacity", "30"),
            new("Units[1].Name", "Repas"),
            new("Units[1].Start", "11:30"),
            new("Units[1].End", "13:30"),
            new("Units[1].IsMeal", "true"),
            new("Units[1].Capacity", "80"),
            new("Units[2].Name", ""),
        ]);
        var activity = await factory.WithDbAsync(db => db.Activities.AsNoTracking().SingleAsync(a => a.Name == $"Mercredis {suffix}"));
        Assert.Equal($"/gestion/catalogue/activites/{activity.Id}", created.Location);
        return (facilityId, typeId, activity);
    }

    [Fact]
    public async Task Administrator_CreatesAFacilityATypeAndAnActivity_ShownInTheTree()
    {
        using var admin = await AdminAsync();

        var (facilityId, typeId, activity) = await CreateOfferAsync(admin, "arbre");

        Assert.Equal(typeId, activity.ActivityTypeId);
        Assert.Equal(["Matin", "Repas"], activity.Units.OrderBy(u => u.DisplayOrder).Select(u => u.Name));
        Assert.True(activity.Units.Single(u => u.Name == "Repas").IsMeal);
        Assert.Equal(new TimeOnly(7, 30), activity.Units.Single(u => u.Name == "Matin").Start);
        Assert.Equal(SchoolTimeRule.SchoolDaysOnly, activity.SchoolTimeRule);
        Assert.Equal(3, activity.DeadlineWorkingDays);
        var tree = await admin.GetAsync("/gestion/catalogue");
        Assert.Contains("Maison des enfants arbre", tree.Text);
        Assert.Contains("Mercredis arbre", tree.Text);
        Assert.Contains("lun. mar. jeu. ven.", tree.Text);
        Assert.Contains("Repas (11:30–13:30, repas, 80 places)", tree.Text);

        var renamed = await admin.SubmitAsync("/gestion/catalogue", new Dictionary<string, string> { ["Name"] = "Maison de l'enfance arbre" }, $"form[action*='RenameFacility'][action*='{facilityId}']");
        Assert.Equal("/gestion/catalogue", renamed.Location);
        var refused = await admin.SubmitAsync("/gestion/catalogue", new Dictionary<string, string> { ["Name"] = "  " }, $"form[action*='RenameType'][action*='{typeId}']");
        Assert.Contains("Saisissez le nom du type d'activité (100 caractères au plus).", refused.Errors);
        var audit = await factory.WithDbAsync(db => db.AuditEntries.Where(e => e.Subject == "Catalogue" && e.SubjectId == facilityId).Select(e => e.Description).ToListAsync());
        Assert.Contains("Équipement renommé : Maison des enfants arbre → Maison de l'enfance arbre.", audit);
    }

    [Fact]
    public async Task ActivityCreation_WithoutDaysNorUnits_IsRefusedInFrench()
    {
        using var admin = await AdminAsync();

        var page = await admin.SubmitAsync("/gestion/catalogue/activites/nouvelle", new Dictionary<string, string> { ["Name"] = "Sans rien" });

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Contains("Choisissez le type d'activité.", page.Errors);
        Assert.Contains("Cochez au moins un jour de la semaine où l'activité a lieu.", page.Errors);
        Assert.Contains("Ajoutez au moins une unité (par exemple Matin, Repas, Après-midi).", page.Errors);
    }

    [Fact]
    public async Task Administrator_EditsDeadlineValidationModeAndAges()
    {
        using var admin = await AdminAsync();
        var (_, _, activity) = await CreateOfferAsync(admin, "reglages");
        var url = $"/gestion/catalogue/activites/{activity.Id}";

        var saved = await admin.SubmitAsync(url, new Dictionary<string, string>
        {
            ["General.MinAge"] = "3",
            ["General.MaxAge"] = "11",
            ["General.DeadlineWorkingDays"] = "5",
            ["General.DeadlineCutOff"] = "18:00",
            ["General.ValidationMode"] = "Automatic",
        }, "#form-general");
        var refused = await admin.SubmitAsync(url, new Dictionary<string, string>
        {
            ["General.MinAge"] = "12",
            ["General.MaxAge"] = "4",
            ["General.DeadlineWorkingDays"] = "45",
        }, "#form-general");

        Assert.Equal(url, saved.Location);
        var after = await factory.WithDbAsync(db => db.Activities.AsNoTracking().SingleAsync(a => a.Id == activity.Id));
        Assert.Equal((3, 11), (after.MinAge!.Value, after.MaxAge!.Value));
        Assert.Equal(5, after.DeadlineWorkingDays);
        Assert.Equal(new TimeOnly(18, 0), after.DeadlineCutOff);
        Assert.Equal(ValidationMode.Automatic, after.ValidationMode);
        var page = await admin.GetAsync(url);
        Assert.Contains("5 jours ouvrés, avant 18:00", page.Text);
        Assert.Contains("Automatique", page.Text);
        Assert.Contains("L'âge maximum ne peut pas être inférieur à l'âge minimum.", refused.Errors);
        Assert.Contains("Le délai doit être compris entre 1 et 30 jours ouvrés.", refused.Errors);
        Assert.NotNull(refused.Document.QuerySelector("a[href='#General_DeadlineWorkingDays']"));
        var audit = await factory.WithDbAsync(db => db.AuditEntries.Where(e => e.SubjectId == activity.Id).Select(e => e.Description).ToListAsync());
        Assert.Contains(audit, d => d.Contains("délai 5 jours ouvrés, avant 18:00, validation automatique", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Administrator_SetsCapacities_AddsAUnit_AndAnOverrideForADate()
    {
        using var admin = await AdminAsync();
        var (_, _, activity) = await CreateOfferAsync(admin, "places");
        var url = $"/gestion/catalogue/activites/{activity.Id}";
        var matin = activity.Units.Single(u => u.Name == "Matin");

        var units = await admin.SubmitAsync(url, new Dictionary<string, string> { ["Units[0].Capacity"] = "35", ["Units[0].End"] = "08:45" }, "#form-unites");
        var added = await admin.SubmitAsync(url, new Dictionary<string, string>
        {
            ["NewUnit.Name"] = "Accueil du soir",
            ["NewUnit.Start"] = "16:30",
            ["NewUnit.End"] = "18:30",
            ["NewUnit.Capacity"] = "45",
        }, "#form-nouvelle-unite");
        var overridden = await admin.SubmitAsync(url, new Dictionary<string, string>
        {
            ["Override.UnitId"] = matin.Id.ToString(),
            ["Override.Date"] = "15/01/2027",
            ["Override.Places"] = "12",
        }, "#form-places-date");
        var badHours = await admin.SubmitAsync(url, new Dictionary<string, string> { ["Units[1].Start"] = "14:00", ["Units[1].End"] = "13:00" }, "#form-unites");

        Assert.Equal(url, units.Location);
        Assert.Equal(url, added.Location);
        Assert.Equal(url, overridden.Location);
        Assert.Contains("L'heure de fin de l'unité doit être après son heure de début.", badHours.Errors);
        var after = await factory.WithDbAsync(db => db.Activities.AsNoTracking().SingleAsync(a => a.Id == activity.Id));
        Assert.Equal(35, after.Units.Single(u => u.Name == "Matin").Capacity);
        Assert.Equal(new TimeOnly(8, 45), after.Units.Single(u => u.Name == "Matin").End);
        Assert.Equal(3, after.Units.Single(u => u.Name == "Accueil du soir").DisplayOrder);
        Assert.Equal(12, after.CapacityOn(matin.Id, new DateOnly(2027, 1, 15)));
        Assert.Equal(35, after.CapacityOn(matin.Id, new DateOnly(2027, 1, 14)));

        var removed = await admin.SubmitAsync(url, new Dictionary<string, string>
        {
            ["Override.UnitId"] = matin.Id.ToString(),
            ["Override.Date"] = "15/01/2027",
            ["Override.Places"] = "",
        }, "#form-places-date");
        Assert.Equal(url, removed.Location);
        var final = await factory.WithDbAsync(db => db.Activities.AsNoTracking().SingleAsync(a => a.Id == activity.Id));
        Assert.Empty(final.CapacityOverrides);
    }

    [Fact]
    public async Task Administrator_SetsATariffGrid_AndAGridWithAGapIsRefused()
    {
        using var admin = await AdminAsync();
        var (_, _, activity) = await CreateOfferAsync(admin, "tarifs");
        var url = $"/gestion/catalogue/activites/{activity.Id}";
        var matin = activity.Units.Single(u => u.Name == "Matin");
        var repas = activity.Units.Single(u => u.Name == "Repas");

        var saved = await admin.SubmitAsync(url, new Dictionary<string, string>
        {
            ["Tariffs[0].From"] = "0",
            ["Tariffs[0].To"] = "400",
            ["Tariffs[0].Price"] = "1,50",
            ["Tariffs[1].From"] = "401",
            ["Tariffs[1].Price"] = "2,75",
            ["Tariffs[2].From"] = "0",
            ["Tariffs[2].Price"] = "4,10",
            ["OutOfCommune[0].Price"] = "5,00",
        }, "#form-tarifs");
        var gap = await admin.SubmitAsync(url, new Dictionary<string, string>
        {
            ["Tariffs[0].From"] = "0",
            ["Tariffs[0].To"] = "400",
            ["Tariffs[0].Price"] = "1,50",
            ["Tariffs[1].From"] = "501",
            ["Tariffs[1].To"] = "",
            ["Tariffs[1].Price"] = "2,75",
        }, "#form-tarifs");

        Assert.Equal(url, saved.Location);
        var after = await factory.WithDbAsync(db => db.Activities.AsNoTracking().SingleAsync(a => a.Id == activity.Id));
        Assert.Equal(1.50m, after.PriceFor(matin.Id, 250, outOfCommune: false));
        Assert.Equal(2.75m, after.PriceFor(matin.Id, 900, outOfCommune: false));
        Assert.Equal(5.00m, after.PriceFor(matin.Id, 250, outOfCommune: true));
        Assert.Equal(4.10m, after.PriceFor(repas.Id, 100, outOfCommune: false));
        var page = await admin.GetAsync(url);
        Assert.Equal("2,75", page.Document.QuerySelector("input[name='Tariffs[1].Price']")?.GetAttribute("value"));
        Assert.Equal(HttpStatusCode.OK, gap.Status);
        Assert.Contains("Matin : aucune tranche ne couvre les quotients de 401 à 500 ; les tranches doivent se suivre sans trou.", gap.Errors);
        var unchanged = await factory.WithDbAsync(db => db.Activities.AsNoTracking().SingleAsync(a => a.Id == activity.Id));
        Assert.Equal(2.75m, unchanged.PriceFor(matin.Id, 450, outOfCommune: false));
        var audit = await factory.WithDbAsync(db => db.AuditEntries.Where(e => e.SubjectId == activity.Id).Select(e => e.Description).ToListAsync());
        Assert.Contains(audit, d => d.Contains("Matin : de 0 à 400 1,50\u00a0€", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Administrator_SetsTheMajorationAndThePenalty_ShownBackAndAudited()
    {
        using var admin = await AdminAsync();
        var (_, _, activity) = await CreateOfferAsync(admin, "majoration");
        var url = $"/gestion/catalogue/activites/{activity.Id}";

        var saved = await admin.SubmitAsync(url, new Dictionary<string, string>
        {
            ["BillingOptions.UnexpectedSurcharge"] = "1,50",
            ["BillingOptions.AbsencePenalty"] = "2 €",
        }, "#form-majoration-penalite");

        Assert.Equal(url, saved.Location);
        var after = await factory.WithDbAsync(db => db.Activities.AsNoTracking().SingleAsync(a => a.Id == activity.Id));
        Assert.Equal(1.50m, after.UnexpectedSurcharge);
        Assert.Equal(2.00m, after.AbsencePenalty);
        var page = await admin.GetAsync(url);
        Assert.Equal("1,50", page.Document.QuerySelector("input[name='BillingOptions.UnexpectedSurcharge']")?.GetAttribute("value"));
        Assert.Equal("2,00", page.Document.QuerySelector("input[name='BillingOptions.AbsencePenalty']")?.GetAttribute("value"));
        Assert.Contains("Majoration d'une présence non prévue (€ par unité)", page.Text);
        var audit = await factory.WithDbAsync(db => db.AuditEntries.Where(e => e.SubjectId == activity.Id).Select(e => e.Description).ToListAsync());
        Assert.Contains(audit, d => d.Contains("majoration d'une présence non prévue 1,50\u00a0€ par unité, pénalité d'une absence non justifiée 2,00\u00a0€ par unité", StringComparison.Ordinal));
    }

    [Fact]
    public async Task TheMajorationAndThePenalty_NegativeOrWithThreeDecimals_AreRefused_AndEmptyClears()
    {
        using var admin = await AdminAsync();
        var (_, _, activity) = await CreateOfferAsync(admin, "penalite");
        var url = $"/gestion/catalogue/activites/{activity.Id}";
        await admin.SubmitAsync(url, new Dictionary<string, string>
        {
            ["BillingOptions.UnexpectedSurcharge"] = "0,80",
            ["BillingOptions.AbsencePenalty"] = "3,00",
        }, "#form-majoration-penalite");

        var refused = await admin.SubmitAsync(url, new Dictionary<string, string>
        {
            ["BillingOptions.UnexpectedSurcharge"] = "-1,00",
            ["BillingOptions.AbsencePenalty"] = "1,255",
        }, "#form-majoration-penalite");
        var unreadable = await admin.SubmitAsync(url, new Dictionary<string, string>
        {
            ["BillingOptions.UnexpectedSurcharge"] = "un euro",
            ["BillingOptions.AbsencePenalty"] = "",
        }, "#form-majoration-penalite");

        Assert.Equal(HttpStatusCode.OK, refused.Status);
        Assert.Contains("La majoration doit être comprise entre 0 et 1 000 €.", refused.Errors);
        Assert.Contains("La pénalité s'écrit avec au plus 2 décimales.", refused.Errors);
        Assert.NotNull(refused.Document.QuerySelector("a[href='#BillingOptions_UnexpectedSurcharge']"));
        Assert.Equal("1,255", refused.Document.QuerySelector("input[name='BillingOptions.AbsencePenalty']")?.GetAttribute("value"));
        Assert.Equal(HttpStatusCode.OK, unreadable.Status);
        Assert.Contains("Saisissez la majoration en euros, par exemple 1,00, ou laissez vide.", unreadable.Errors);
        var unchanged = await factory.WithDbAsync(db => db.Activities.AsNoTracking().SingleAsync(a => a.Id == activity.Id));
        Assert.Equal((0.80m, 3.00m), (unchanged.UnexpectedSurcharge, unchanged.AbsencePenalty));

        var cleared = await admin.SubmitAsync(url, new Dictionary<string, string>
        {
            ["BillingOptions.UnexpectedSurcharge"] = "",
            ["BillingOptions.AbsencePenalty"] = " ",
        }, "#form-majoration-penalite");

        Assert.Equal(url, cleared.Location);
        var after = await factory.WithDbAsync(db => db.Activities.AsNoTracking().SingleAsync(a => a.Id == activity.Id));
        Assert.Null(after.UnexpectedSurcharge);
        Assert.Null(after.AbsencePenalty);
        var page = await admin.GetAsync(url);
        Assert.True(string.IsNullOrEmpty(page.Document.QuerySelector("input[name='BillingOptions.AbsencePenalty']")?.GetAttribute("value")));
    }

    [Fact]
    public async Task Administrator_CreatesAndEditsAPeriod_AndAnEndBeforeTheStartIsRefused()
    {
        using var admin = await AdminAsync();
        var (_, _, activity) = await CreateOfferAsync(admin, "periode");
        var url = $"/gestion/catalogue/periodes/nouvelle?activite={activity.Id}";

        var refused = await admin.SubmitAsync(url, new Dictionary<string, string>
        {
            ["Label"] = "Année à l'envers",
            ["Start"] = "03/07/2027",
            ["End"] = "01/09/2026",
        });
        var created = await admin.SubmitAsync(url, new Dictionary<string, string>
        {
            ["Label"] = "Mercredis 2026/2027",
            ["Start"] = "01/09/2026",
            ["End"] = "03/07/2027",
            ["RegistrationOpens"] = "01/06/2026",
            ["RegistrationCloses"] = "30/06/2027",
        });

        Assert.Contains("La date de fin de la période ne peut pas précéder sa date de début.", refused.Errors);
        Assert.Equal("/gestion/catalogue", created.Location);
        var period = await factory.WithDbAsync(db => db.Periods.AsNoTracking().SingleAsync(p => p.ActivityId == activity.Id));
        Assert.Equal((new DateOnly(2026, 9, 1), new DateOnly(2027, 7, 3)), (period.Start, period.End));
        Assert.Equal(new DateOnly(2027, 6, 30), period.RegistrationCloses);
        var tree = await admin.GetAsync("/gestion/catalogue");
        Assert.Contains("Mercredis 2026/2027 : du 01/09/2026 au 03/07/2027", tree.Text);

        var edited = await admin.SubmitAsync($"/gestion/catalogue/periodes/{period.Id}", new Dictionary<string, string>
        {
            ["Label"] = "Mercredis 2026-2027",
            ["RegistrationCloses"] = "15/07/2027",
        });
        Assert.Contains("Les inscriptions doivent se clore au plus tard le dernier jour de la période (03/07/2027).", edited.Errors);
        var renamed = await admin.SubmitAsync($"/gestion/catalogue/periodes/{period.Id}", new Dictionary<string, string>
        {
            ["Label"] = "Mercredis 2026-2027",
            ["RegistrationCloses"] = "",
        });
        Assert.Equal("/gestion/catalogue", renamed.Location);
        var after = await factory.WithDbAsync(db => db.Periods.AsNoTracking().SingleAsync(p => p.Id == period.Id));
        Assert.Equal("Mercredis 2026-2027", after.Label);
        Assert.Null(after.RegistrationCloses);
    }

    [Fact]
    public async Task TheDemoCatalogue_IsShown()
    {
        using var admin = await AdminAsync();

        var page = await admin.GetAsync("/gestion/catalogue");

        Assert.Equal(HttpStatusCode.OK, page.Status);
        foreach (var text in new[] { "RESTAURANT SCOLAIRE", "Restaurant scolaire", "Périscolaire", "ALSH mercredi", "ALSH vacances", "lun. mar. jeu. ven.", "Jours d'école", "Vacances scolaires", "3 jours ouvrés, avant 23:59", "Automatique", "Manuelle", "3 à 11 ans" })
        {
            Assert.Contains(text, page.Text);
        }

        var dashboard = await admin.GetAsync("/gestion");
        Assert.NotNull(dashboard.Document.QuerySelector("main a[href='/gestion/catalogue']"));
        Assert.NotNull(dashboard.Document.QuerySelector("nav a[href='/gestion/catalogue']"));
    }

    [Fact]
    public async Task AnAgent_AndAFamily_AreRefusedTheCatalogue()
    {
        using var agent = factory.NewClient();
        await agent.SignInStaffAsync(Demo.AgentEmail, Demo.AgentPassword);
        using var family = factory.NewClient();
        await family.SignInFamilyAsync(Demo.FamilyEmail, Demo.FamilyPassword);
        var activityId = await factory.WithDbAsync(db => db.Activities.Select(a => a.Id).FirstAsync());
        var token = (await agent.GetAsync("/gestion/familles/nouvelle")).Document.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;

        foreach (var url in new[] { "/gestion/catalogue", "/gestion/catalogue/calendrier", "/gestion/catalogue/activites/nouvelle", $"/gestion/catalogue/activites/{activityId}", "/gestion/catalogue/periodes/nouvelle" })
        {
            Assert.Equal(HttpStatusCode.Forbidden, (await agent.GetAsync(url)).Status);
            Assert.Equal(HttpStatusCode.Forbidden, (await family.GetAsync(url)).Status);
        }

        var posted = await agent.PostAsync("/gestion/catalogue?handler=Facility", [new("__RequestVerificationToken", token), new("NewFacility", "Intrus")]);
        Assert.Equal(HttpStatusCode.Forbidden, posted.Status);
        Assert.False(await factory.WithDbAsync(db => db.Facilities.AnyAsync(f => f.Name == "Intrus")));
    }
}
