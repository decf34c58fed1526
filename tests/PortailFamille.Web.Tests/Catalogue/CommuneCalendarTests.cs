using System.Net;
using System.Net.Http.Headers;
using System.Text;
using AngleSharp.Html.Parser;
using Microsoft.EntityFrameworkCore;
using PortailFamille.Web.Tests.Infrastructure;

namespace PortailFamille.Web.Tests.Catalogue;

/// <summary>Public holidays, school holidays (typed or imported from the ministry's .ics) and closures.</summary>
public sealed class CommuneCalendarTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private const string Url = "/gestion/catalogue/calendrier";

    private static readonly string ZoneAFile = Path.Combine(AppContext.BaseDirectory, "TestData", "calendrier-scolaire-zone-a.ics");

    private async Task<PortalClient> AdminAsync()
    {
        var admin = factory.NewClient();
        await admin.SignInStaffAsync(Demo.AdminEmail, Demo.AdminPassword);
        return admin;
    }

    /// <summary>Uploads a file with the import form, as a browser would (multipart, antiforgery token).</summary>
    private static async Task<HtmlPage> ImportAsync(PortalClient client, byte[] content, string fileName, string filter = "")
    {
        var page = await client.GetAsync(Url);
        var form = page.Document.QuerySelector("#form-import")!;
        var token = form.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        using var body = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
            { new StringContent(filter), "IcsFilter" },
        };
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new MediaTypeHeaderValue("text/calendar");
        body.Add(file, "IcsFile", fileName);
        var action = form.GetAttribute("action")!;
        var response = await client.Http.PostAsync(action, body);
        var html = await response.Content.ReadAsStringAsync();
        return new HtmlPage(response, await new HtmlParser().ParseDocumentAsync(html), action);
    }

    [Fact]
    public async Task PublicHolidays_AreComputed_ForThisYearAndNext()
    {
        using var admin = await AdminAsync();

        var page = await admin.GetAsync(Url);

        Assert.Equal(HttpStatusCode.OK, page.Status);
        // This year in Paris, on the portal's clock: on 31 December after 23:00 UTC it is already next year.
        var year = factory.Clock.Today.Year;
        Assert.Contains($"Jours fériés {year}", page.Text);
        Assert.Contains($"Jours fériés {year + 1}", page.Text);
        Assert.Contains("Lundi de Pâques", page.Text);
        Assert.Contains($"14/07/{year + 1}", page.Text);
        Assert.Contains("Option Alsace-Moselle (Vendredi saint, Saint-Étienne) : désactivée", page.Text);
        Assert.DoesNotContain("Vendredi saint</th>", page.Document.Body!.InnerHtml, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Administrator_AddsAndDeletesAClosure()
    {
        using var admin = await AdminAsync();

        var added = await admin.SubmitAsync(Url, new Dictionary<string, string> { ["ClosureDate"] = "14/05/2032", ["ClosureReason"] = "Pont de l'Ascension" }, "#form-fermeture");
        var twice = await admin.SubmitAsync(Url, new Dictionary<string, string> { ["ClosureDate"] = "14/05/2032", ["ClosureReason"] = "Encore" }, "#form-fermeture");
        var bad = await admin.SubmitAsync(Url, new Dictionary<string, string> { ["ClosureDate"] = "31/02/2032", ["ClosureReason"] = "" }, "#form-fermeture");

        Assert.Equal(Url, added.Location);
        var closure = await factory.WithDbAsync(db => db.Closures.AsNoTracking().SingleAsync(c => c.Date == new DateOnly(2032, 5, 14)));
        Assert.Equal("Pont de l'Ascension", closure.Label);
        Assert.Contains("Le 14/05/2032 est déjà un jour de fermeture.", twice.Errors);
        Assert.Contains("Saisissez la date de fermeture au format jj/mm/aaaa.", bad.Errors);
        Assert.Contains("Saisissez le motif de la fermeture, par exemple Pont de l'Ascension (100 caractères au plus).", bad.Errors);
        var page = await admin.GetAsync(Url);
        Assert.Contains("ven. 14/05/2032", page.Text);

        var deleted = await admin.SubmitAsync(Url, new Dictionary<string, string>(), $"form[action*='DeleteClosure'][action*='{closure.Id}']");

        Assert.Equal(Url, deleted.Location);
        Assert.False(await factory.WithDbAsync(db => db.Closures.AnyAsync(c => c.Id == closure.Id)));
        var audit = await factory.WithDbAsync(db => db.AuditEntries.Where(e => e.SubjectId == closure.Id).Select(e => e.Description).ToListAsync());
        Assert.Contains("Fermeture ajoutée : 14/05/2032, Pont de l'Ascension.", audit);
        Assert.Contains("Fermeture supprimée : 14/05/2032, Pont de l'Ascension.", audit);
    }

    [Fact]
    public async Task Administrator_AddsAndDeletesASchoolHolidayByHand()
    {
        using var admin = await AdminAsync();

        var added = await admin.SubmitAsync(Url, new Dictionary<string, string>
        {
            ["HolidayLabel"] = "Vacances de la Toussaint",
            ["HolidayStart"] = "16/10/2032",
            ["HolidayEnd"] = "31/10/2032",
        }, "#form-vacances");
        var backwards = await admin.SubmitAsync(Url, new Dictionary<string, string>
        {
            ["HolidayLabel"] = "À l'envers",
            ["HolidayStart"] = "31/10/2032",
            ["HolidayEnd"] = "16/10/2032",
        }, "#form-vacances");

        Assert.Equal(Url, added.Location);
        var holiday = await factory.WithDbAsync(db => db.SchoolHolidays.AsNoTracking().SingleAsync(h => h.Start == new DateOnly(2032, 10, 16)));
        Assert.Equal(new DateOnly(2032, 10, 31), holiday.End);
        Assert.Contains("Le dernier jour des vacances ne peut pas précéder le premier.", backwards.Errors);

        var deleted = await admin.SubmitAsync(Url, new Dictionary<string, string>(), $"form[action*='DeleteHoliday'][action*='{holiday.Id}']");

        Assert.Equal(Url, deleted.Location);
        Assert.False(await factory.WithDbAsync(db => db.SchoolHolidays.AnyAsync(h => h.Id == holiday.Id)));
    }

    [Fact]
    public async Task ASchoolHolidayOverlappingOneKept_OrTooLong_IsRefusedInFrench_AndNotSaved()
    {
        using var admin = await AdminAsync();
        var kept = await admin.SubmitAsync(Url, new Dictionary<string, string>
        {
            ["HolidayLabel"] = "Vacances d'hiver",
            ["HolidayStart"] = "05/02/2033",
            ["HolidayEnd"] = "20/02/2033",
        }, "#form-vacances");
        Assert.Equal(Url, kept.Location);

        var overlapping = await admin.SubmitAsync(Url, new Dictionary<string, string>
        {
            ["HolidayLabel"] = "Semaine de ski",
            ["HolidayStart"] = "19/02/2033",
            ["HolidayEnd"] = "27/02/2033",
        }, "#form-vacances");
        var tooLong = await admin.SubmitAsync(Url, new Dictionary<string, string>
        {
            ["HolidayLabel"] = "Vacances d'été",
            ["HolidayStart"] = "02/07/2033",
            ["HolidayEnd"] = "31/08/2063",
        }, "#form-vacances");

        Assert.Equal(HttpStatusCode.OK, overlapping.Status);
        Assert.Contains("Ces dates chevauchent Vacances d'hiver (du 05/02/2033 au 20/02/2033) : supprimez ces vacances d'abord, ou corrigez les dates.", overlapping.Errors);
        Assert.Contains("Des vacances scolaires durent au plus 100 jours : vérifiez le premier et le dernier jour.", tooLong.Errors);
        Assert.False(await factory.WithDbAsync(db => db.SchoolHolidays.AnyAsync(h => h.Label == "Semaine de ski" || h.Start == new DateOnly(2033, 7, 2))));
    }

    [Fact]
    public async Task AFileOfSeveralZones_IsRefused_AskingForTheZone_AndChangesNothing()
    {
        using var admin = await AdminAsync();
        var before = await factory.WithDbAsync(db => db.SchoolHolidays.CountAsync());
        const string SeveralZones = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//FR\r\n" +
            "BEGIN:VEVENT\r\nUID:a@test\r\nDTSTART;VALUE=DATE:20340204\r\nDTEND;VALUE=DATE:20340220\r\nSUMMARY:Vacances d'hiver\r\nLOCATION:Zone A\r\nEND:VEVENT\r\n" +
            "BEGIN:VEVENT\r\nUID:b@test\r\nDTSTART;VALUE=DATE:20340211\r\nDTEND;VALUE=DATE:20340227\r\nSUMMARY:Vacances d'hiver\r\nLOCATION:Zone B\r\nEND:VEVENT\r\n" +
            "END:VCALENDAR\r\n";

        var refused = await ImportAsync(admin, Encoding.UTF8.GetBytes(SeveralZones), "calendrier.ics");
        var zoneB = await ImportAsync(admin, Encoding.UTF8.GetBytes(SeveralZones), "calendrier.ics", "Zone B");

        Assert.Contains("Le fichier contient des vacances qui se chevauchent (Vacances d'hiver du 04/02/2034 au 19/02/2034, Vacances d'hiver du 11/02/2034 au 26/02/2034) : sans doute celles de plusieurs zones. Indiquez votre zone, par exemple Zone A, pour ne garder que les siennes.", refused.Errors);
        Assert.Equal(Url, zoneB.Location);
        var kept = await factory.WithDbAsync(db => db.SchoolHolidays.AsNoTracking().Where(h => h.Start.Year == 2034).ToListAsync());
        Assert.Equal((new DateOnly(2034, 2, 11), new DateOnly(2034, 2, 26)), (Assert.Single(kept).Start, kept[0].End));
        Assert.Equal(before + 1, await factory.WithDbAsync(db => db.SchoolHolidays.CountAsync()));
    }

    [Fact]
    public async Task TheMinistrysIcsFile_IsImported_WithTheDayBeforeDtEndAsLastDay()
    {
        using var admin = await AdminAsync();

        var imported = await ImportAsync(admin, await File.ReadAllBytesAsync(ZoneAFile), "calendrier-scolaire-zone-a.ics", "Zone A");

        Assert.Equal(Url, imported.Location);
        var page = await admin.FollowAsync(imported);
        Assert.Contains("5 périodes de vacances importées", page.Text);
        Assert.False(await factory.WithDbAsync(db => db.SchoolHolidays.AnyAsync(h => h.Label.StartsWith("Rentrée"))));
        var holidays = await factory.WithDbAsync(db => db.SchoolHolidays.AsNoTracking()
            .Where(h => h.End >= new DateOnly(2026, 10, 1) && h.Start <= new DateOnly(2027, 9, 30)).OrderBy(h => h.Start).ToListAsync());
        Assert.Equal(
        [
            ("Vacances de la Toussaint", new DateOnly(2026, 10, 17), new DateOnly(2026, 11, 1)),
            ("Vacances de Noël", new DateOnly(2026, 12, 19), new DateOnly(2027, 1, 3)),
            ("Vacances d'hiver", new DateOnly(2027, 2, 6), new DateOnly(2027, 2, 21)),
            ("Vacances de printemps", new DateOnly(2027, 4, 3), new DateOnly(2027, 4, 18)),
            ("Vacances d'été", new DateOnly(2027, 7, 3), new DateOnly(2027, 8, 31)),
        ], holidays.Select(h => (h.Label, h.Start, h.End)));

        // Importing the same file again replaces rather than duplicates.
        await ImportAsync(admin, await File.ReadAllBytesAsync(ZoneAFile), "calendrier-scolaire-zone-a.ics");
        Assert.Equal(5, await factory.WithDbAsync(db => db.SchoolHolidays.CountAsync(h => h.End >= new DateOnly(2026, 10, 1) && h.Start <= new DateOnly(2027, 9, 30))));
    }

    [Fact]
    public async Task AFilterMatchingNothing_AndBadFiles_AreRefusedInFrench()
    {
        using var admin = await AdminAsync();
        var before = await factory.WithDbAsync(db => db.SchoolHolidays.CountAsync());

        var zoneB = await ImportAsync(admin, await File.ReadAllBytesAsync(ZoneAFile), "calendrier-scolaire-zone-a.ics", "Zone B");
        var notIcs = await ImportAsync(admin, Encoding.UTF8.GetBytes("nom;date\nToussaint;17/10/2026\n"), "vacances.csv");
        var garbage = await ImportAsync(admin, Encoding.UTF8.GetBytes("ceci n'est pas un calendrier"), "vacances.ics");
        var empty = await ImportAsync(admin, [], "vide.ics");
        var tooBig = await ImportAsync(admin, Encoding.UTF8.GetBytes("BEGIN:VCALENDAR\r\n" + new string('X', 1_200_000)), "enorme.ics");
        var muchTooBig = await ImportAsync(admin, new byte[3_000_000], "demesure.ics");

        Assert.Contains("Aucune période de vacances du fichier ne mentionne « Zone B ».", zoneB.Errors);
        Assert.Contains("Le fichier doit être un calendrier au format iCalendar, avec l'extension .ics.", notIcs.Errors);
        Assert.Contains("Le fichier n'est pas un calendrier iCalendar lisible : téléchargez le calendrier scolaire au format .ics.", garbage.Errors);
        Assert.Contains("Choisissez le fichier du calendrier scolaire (.ics) à importer.", empty.Errors);
        Assert.Contains("Le fichier est trop volumineux : 1 Mo au plus.", tooBig.Errors);
        Assert.True(muchTooBig.Status is HttpStatusCode.BadRequest or HttpStatusCode.RequestEntityTooLarge, $"answered {muchTooBig.Status}");
        Assert.Equal(before, await factory.WithDbAsync(db => db.SchoolHolidays.CountAsync()));
    }
}
