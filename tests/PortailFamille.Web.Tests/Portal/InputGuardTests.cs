using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.EntityFrameworkCore;
using PortailFamille.Domain.Calendar;
using PortailFamille.Domain.Families;
using PortailFamille.Web.Features.SignUp;
using PortailFamille.Web.Tests.Infrastructure;
using DomainChild = PortailFamille.Domain.Families.Child;

namespace PortailFamille.Web.Tests.Portal;

/// <summary>What every form and address goes through (InputGuards, Text.CleanInput, DateBounds), tried on the pages where it once failed.</summary>
public sealed class InputGuardTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private static Dictionary<string, string> Child(string firstName) => new()
    {
        ["Input.LastName"] = "Durand",
        ["Input.FirstName"] = firstName,
        ["Input.BirthDate"] = "14/03/2019",
        ["Input.Sex"] = "Male",
    };

    private async Task<(PortalClient Client, TestAccount Account)> FamilyAsync()
    {
        var account = await TestData.CreateFamilyAsync(factory);
        var client = factory.NewClient();
        await client.SignInFamilyAsync(account.Email, account.Password);
        return (client, account);
    }

    [Fact]
    public async Task AListIndexNamingNoField_IsDropped_NotACrash()
    {
        var (client, account) = await FamilyAsync();
        using var _ = client;
        var page = await client.GetAsync("/famille/enfants/nouveau");
        var values = Child("Jules");
        values["Input.Persons.index"] = "0";

        var saved = await client.SubmitAsync(page, values);

        Assert.Equal("/famille", saved.Location);
        Assert.True(await factory.WithDbAsync(db => db.Children.AnyAsync(c => c.FamilyId == account.FamilyId && c.FirstName == "Jules")));
    }

    [Fact]
    public async Task AnEmptyValueInAListOfTexts_IsDropped_NotACrash()
    {
        using var client = factory.NewClient();
        await client.SignInFamilyAsync(Demo.FamilyEmail, Demo.FamilyPassword);
        var childId = await factory.WithDbAsync(db => (
            from u in db.Users
            where u.Email == Demo.FamilyEmail
            join c in db.Children on u.FamilyId equals c.FamilyId
            select c.Id).FirstAsync());
        var url = $"/famille/inscriptions/nouvelle?enfant={childId}";
        var page = await client.GetAsync(url);

        var posted = await client.SubmitAsync(page, new Dictionary<string, string> { ["Input.Slots"] = string.Empty });

        Assert.Equal(HttpStatusCode.OK, posted.Status);
        Assert.NotEmpty(posted.Errors);
    }

    [Theory]
    [InlineData("/famille")]
    [InlineData("/famille/coordonnees")]
    [InlineData("/famille/inscriptions")]
    public async Task APostToAPageWithoutPostHandler_Answers405(string url)
    {
        var (client, _) = await FamilyAsync();
        using var _c = client;
        var token = (await client.GetAsync("/famille/coordonnees/modifier")).Document.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;

        var posted = await client.PostAsync(url, [new("__RequestVerificationToken", token)]);

        Assert.Equal(HttpStatusCode.MethodNotAllowed, posted.Status);
    }

    [Fact]
    public async Task AnUnknownHandler_Answers400()
    {
        using var agent = factory.NewClient();
        await agent.SignInStaffAsync(Demo.AgentEmail, Demo.AgentPassword);
        var familyId = await factory.WithDbAsync(db => db.Families.Select(f => f.Id).FirstAsync());
        var page = await agent.GetAsync($"/gestion/familles/{familyId}");
        var token = page.Document.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;

        var unknown = await agent.PostAsync($"/gestion/familles/{familyId}?handler=Nope", [new("__RequestVerificationToken", token)]);
        var none = await agent.PostAsync($"/gestion/familles/{familyId}", [new("__RequestVerificationToken", token)]);

        Assert.Equal(HttpStatusCode.BadRequest, unknown.Status);
        Assert.Contains("Demande non valide", unknown.Text);
        Assert.Equal(HttpStatusCode.BadRequest, none.Status);
    }

    [Fact]
    public async Task ControlCharacters_AreTakenOutOfWhatIsSaved_AndATextareaKeepsItsLines()
    {
        var (client, account) = await FamilyAsync();
        using var _ = client;
        var values = Child("Ju\0les\u001b");
        values["Input.School"] = "École\tJean\u0007 Moulin";
        values["Input.HealthNote"] = "Allergie\u0000 aux arachides\r\n\tPAI à l'école";
        client.Multipart = true;

        var saved = await client.SubmitAsync("/famille/enfants/nouveau", values);

        Assert.True(saved.Location == "/famille", string.Join(" | ", saved.Errors));
        var child = await factory.WithDbAsync(db => db.Children.AsNoTracking().SingleAsync(c => c.FamilyId == account.FamilyId));
        Assert.Equal("Jules", child.FirstName);
        Assert.Equal("École Jean Moulin", child.School);
        Assert.Equal("Allergie aux arachides\r\n\tPAI à l'école", child.HealthNote);
    }

    [Fact]
    public async Task ANulByteInTheFamilySearch_IsTakenOut()
    {
        using var agent = factory.NewClient();
        await agent.SignInStaffAsync(Demo.AgentEmail, Demo.AgentPassword);

        var page = await agent.GetAsync("/gestion/familles?recherche=Mar%00tin");

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Contains("MARTIN", page.Text, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task AHealthNoteOfFullLength_ChangedTwice_IsInTheHistoryWhole()
    {
        var (client, account) = await FamilyAsync();
        using var _ = client;
        var first = Child("Jules");
        first["Input.HealthNote"] = new string('a', DomainChild.MaxHealthNoteLength);
        await client.SubmitAsync("/famille/enfants/nouveau", first);
        var childId = await factory.WithDbAsync(db => db.Children.Where(c => c.FamilyId == account.FamilyId).Select(c => c.Id).SingleAsync());
        var second = Child("Jules");
        second["Input.HealthNote"] = new string('b', DomainChild.MaxHealthNoteLength);

        var saved = await client.SubmitAsync($"/famille/enfants/{childId}", second);

        Assert.Equal("/famille", saved.Location);
        var history = await factory.WithDbAsync(db => db.AuditEntries.Where(e => e.SubjectId == account.FamilyId).Select(e => e.Description).ToListAsync());
        Assert.Contains(history, h => h.Contains(new string('a', DomainChild.MaxHealthNoteLength), StringComparison.Ordinal) && h.Contains(new string('b', DomainChild.MaxHealthNoteLength), StringComparison.Ordinal));
    }

    [Fact]
    public void ASignUpDraft_WithEveryFieldFullOfEmoji_AndTwelveChildren_IsKept()
    {
        string Emoji(int units) => string.Concat(Enumerable.Repeat("😀", units / 2));
        var payload = new SignUpPayload
        {
            SecretHash = new string('A', 64),
            Responsible = new ResponsibleInput { LastName = Emoji(100), FirstName = Emoji(100), Email = Emoji(300) },
            Contact = new ContactInput
            {
                Street = Emoji(220),
                PostalCode = Emoji(20),
                Town = Emoji(120),
                HomePhone = Emoji(30),
                MobilePhone1 = Emoji(30),
                MobilePhone2 = Emoji(30),
                WorkPhone1 = Emoji(30),
                WorkPhone2 = Emoji(30),
                BeneficiaryName = Emoji(100),
                BeneficiaryNumber = Emoji(30),
            },
            Children = [.. Enumerable.Range(0, IndexModel.MaxChildren).Select(_ => new ChildInput { FirstName = Emoji(100), LastName = Emoji(100), BirthDate = Emoji(20), Sex = Sex.Male })],
        };
        var draft = new SignUpDraft();

        new SignUpDraftStore(null!, TimeProvider.System).Keep(new OpenedDraft(draft, payload));

        Assert.InRange(draft.Payload.Length, 20_001, SignUpDraft.MaxPayloadLength);
        Assert.Equal(Emoji(100), payload.Children[11].FirstName);
    }

    [Fact]
    public async Task APeriodFromYearOneToYear9999_IsRefusedInFrench()
    {
        using var admin = factory.NewClient();
        await admin.SignInStaffAsync(Demo.AdminEmail, Demo.AdminPassword);
        var activityId = await factory.WithDbAsync(db => db.Activities.Select(a => a.Id).FirstAsync());
        var url = $"/gestion/catalogue/periodes/nouvelle?activite={activityId}";

        var refused = await admin.SubmitAsync(url, new Dictionary<string, string> { ["Label"] = "Toujours", ["Start"] = "01/01/0001", ["End"] = "31/12/9999" });

        Assert.Equal(HttpStatusCode.OK, refused.Status);
        Assert.Contains(DateBounds.Message, refused.Errors);
        Assert.False(await factory.WithDbAsync(db => db.Periods.AnyAsync(p => p.Label == "Toujours")));
    }

    [Theory]
    [InlineData("0001-01")]
    [InlineData("9999-12")]
    [InlineData("0000-00")]
    public async Task ACalendarMonthOutOfBounds_ShowsThisMonth(string mois)
    {
        using var client = factory.NewClient();
        await client.SignInFamilyAsync(Demo.FamilyEmail, Demo.FamilyPassword);
        var registrationId = await factory.WithDbAsync(db => (
            from u in db.Users
            where u.Email == Demo.FamilyEmail
            join r in db.Registrations on u.FamilyId equals r.FamilyId
            where r.Status == Domain.Registrations.RegistrationStatus.Validated
            select r.Id).FirstAsync());

        var page = await client.GetAsync($"/famille/reservations/{registrationId}?mois={mois}");

        Assert.Equal(HttpStatusCode.OK, page.Status);
    }

    [Fact]
    public async Task AnIcsEventOfYearOne_IsRefusedInFrench()
    {
        using var admin = factory.NewClient();
        await admin.SignInStaffAsync(Demo.AdminEmail, Demo.AdminPassword);
        var page = await admin.GetAsync("/gestion/catalogue/calendrier");
        var token = page.Document.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var ics = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Essai//FR\r\nBEGIN:VEVENT\r\nUID:a\r\nDTSTAMP:20260601T080000Z\r\n"
            + "DTSTART;VALUE=DATE:00010101\r\nDTEND;VALUE=DATE:00010101\r\nSUMMARY:Vacances de l'an 1\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
        using var form = new MultipartFormDataContent();
        form.Add(new StringContent(token), "__RequestVerificationToken");
        var file = new ByteArrayContent(Encoding.UTF8.GetBytes(ics));
        file.Headers.ContentType = new MediaTypeHeaderValue("text/calendar");
        form.Add(file, "IcsFile", "an-1.ics");

        var response = await admin.Http.PostAsync("/gestion/catalogue/calendrier?handler=Import", form);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("« Vacances de l'an 1 » tombe hors des dates que le portail accepte (du 01/01/1900 au 31/12/2099)", WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()), StringComparison.Ordinal);
    }
}
