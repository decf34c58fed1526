using System.Net;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using PortailFamille.Domain.Families;
using PortailFamille.Web.Features.Accounts;
using PortailFamille.Web.Tests.Infrastructure;

namespace PortailFamille.Web.Tests.SignUp;

public sealed class SignUpTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private const string Password = "Inscription-Garnier-26!";
    private const string ServiceEmail = "enfance@beaulieu-les-sagnes.example";
    private const string Expired = "Votre demande a expiré, recommencez.";

    private DateOnly Today => factory.Clock.Today;
    private string LeoBirth => Today.AddYears(-7).AddDays(-40).ToString("dd/MM/yyyy", System.Globalization.CultureInfo.InvariantCulture);
    private string InesBirth => Today.AddYears(-3).AddDays(-100).ToString("dd/MM/yyyy", System.Globalization.CultureInfo.InvariantCulture);

    private static Dictionary<string, string> Responsible(string email, string password = Password, string? confirmation = null) => new()
    {
        ["Responsible.LastName"] = "Garnier",
        ["Responsible.FirstName"] = "Élise",
        ["Responsible.Email"] = email,
        ["NewPassword.Password"] = password,
        ["NewPassword.Confirmation"] = confirmation ?? password,
        ["Command"] = "next",
    };

    private static Dictionary<string, string> Contact(string postalCode = "38860", string mobile = "06 12 34 56 78") => new()
    {
        ["Contact.Street"] = "4 allée des Mésanges",
        ["Contact.PostalCode"] = postalCode,
        ["Contact.Town"] = "Beaulieu-les-Sagnes",
        ["Contact.HomePhone"] = string.Empty,
        ["Contact.MobilePhone1"] = mobile,
        ["Contact.BeneficiaryName"] = "Garnier Élise",
        ["Contact.BenefitScheme"] = nameof(BenefitScheme.General),
        ["Contact.BeneficiaryNumber"] = "1234567",
        ["Command"] = "next",
    };

    private static Dictionary<string, string> Child(int index, string firstName, string birthDate, Sex sex, string command = "next") => new()
    {
        [$"Children[{index}].FirstName"] = firstName,
        [$"Children[{index}].LastName"] = "Garnier",
        [$"Children[{index}].BirthDate"] = birthDate,
        [$"Children[{index}].Sex"] = sex.ToString(),
        ["Command"] = command,
    };

    private static Dictionary<string, string> Merge(params Dictionary<string, string>[] parts)
    {
        var all = new Dictionary<string, string>();
        foreach (var part in parts)
        {
            foreach (var (key, value) in part)
            {
                all[key] = value;
            }
        }

        return all;
    }

    private static string StepTitle(HtmlPage page) => page.Document.QuerySelector("h2.signup-step-title")!.TextContent.Trim();

    private static string Value(HtmlPage page, string name) => ((IHtmlInputElement)page.Document.QuerySelector($"input[name='{name}']")!).Value;

    private static async Task<HtmlPage> ToStep3Async(PortalClient client, string email)
    {
        var step2 = await client.SubmitAsync("/inscription", Responsible(email));
        Assert.Equal("Étape 2 sur 4 : Coordonnées", StepTitle(step2));
        var step3 = await client.SubmitAsync(step2, Contact());
        Assert.Equal("Étape 3 sur 4 : Enfants", StepTitle(step3));
        return step3;
    }

    private async Task<HtmlPage> ToStep4Async(PortalClient client, string email)
    {
        var step3 = await ToStep3Async(client, email);
        var step4 = await client.SubmitAsync(step3, Child(0, "Léo", LeoBirth, Sex.Male));
        Assert.Equal("Étape 4 sur 4 : Validation", StepTitle(step4));
        return step4;
    }

    private static Task<HtmlPage> SendAsync(PortalClient client, HtmlPage step4) =>
        client.PressAsync(step4, "Envoyer ma demande d'inscription", new Dictionary<string, string> { ["Consent"] = "true" });

    /// <summary>Opens the emailed confirmation link and presses its button.</summary>
    private async Task<HtmlPage> ConfirmAsync(PortalClient client, string email)
    {
        var link = await ConfirmationLinkAsync(email);
        var page = await client.GetAsync(link);
        Assert.Equal("Confirmer votre adresse email", page.Document.QuerySelector("h1")!.TextContent.Trim());
        return await client.PressAsync(page, "Confirmer mon adresse email");
    }

    private async Task<string> ConfirmationLinkAsync(string email, int count = 1)
    {
        var mail = await factory.Smtp.WaitForMessageAsync(email, m => m.Subject?.StartsWith("Confirmez votre adresse email", StringComparison.Ordinal) == true
            && MailsTo(email).Count(x => x.Subject?.StartsWith("Confirmez votre adresse email", StringComparison.Ordinal) == true) >= count);
        var link = MailsTo(email).Where(m => m.Subject?.StartsWith("Confirmez votre adresse email", StringComparison.Ordinal) == true).ElementAt(count - 1).PortalLink();
        Assert.StartsWith("/inscription/confirmer?", link);
        _ = mail;
        return link;
    }

    private List<MimeKit.MimeMessage> MailsTo(string email) =>
        [.. factory.Smtp.Received.Where(m => m.To.Mailboxes.Any(b => string.Equals(b.Address, email, StringComparison.OrdinalIgnoreCase)))];

    private Task<int> FamiliesAsync() => factory.WithDbAsync(db => db.Families.CountAsync());

    private Task<int> DraftsAsync() => factory.WithDbAsync(db => db.SignUpDrafts.CountAsync());

    [Fact]
    public async Task FullSignUp_InFourSteps_CreatesAPendingFamily_OnceItsAddressIsConfirmed()
    {
        using var client = factory.NewClient();
        var email = TestData.UniqueEmail("inscription");

        var step1 = await client.GetAsync("/inscription");
        Assert.Equal("Étape 1 sur 4 : Responsable du foyer", StepTitle(step1));
        Assert.Equal("Responsable du foyer", step1.Document.QuerySelector(".signup-steps [aria-current=step]")!.TextContent.Replace("1", string.Empty, StringComparison.Ordinal).Trim());
        Assert.Equal("new-password", step1.Document.QuerySelector("#NewPassword_Password")!.GetAttribute("autocomplete"));

        var step2 = await client.SubmitAsync(step1, Responsible(email));
        Assert.Equal("Étape 2 sur 4 : Coordonnées", StepTitle(step2));
        Assert.DoesNotContain(Password, step2.Document.DocumentElement.OuterHtml, StringComparison.Ordinal);
        var cookie = Assert.Single(step2.Response.Headers.GetValues("Set-Cookie"), c => c.StartsWith("PortailFamille.Inscription=", StringComparison.Ordinal));
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        var draftId = Guid.Parse(Value(step2, "DraftId"));
        var stored = await factory.WithDbAsync(db => db.SignUpDrafts.SingleAsync(d => d.Id == draftId));
        Assert.DoesNotContain(Password, stored.Payload, StringComparison.Ordinal);
        Assert.NotNull(stored.PasswordHash);

        var step3 = await client.SubmitAsync(step2, Contact());
        Assert.Equal("Étape 3 sur 4 : Enfants", StepTitle(step3));
        Assert.Equal("Garnier", Value(step3, "Children[0].LastName"));

        var twoChildren = await client.SubmitAsync(step3, Child(0, "Léo", LeoBirth, Sex.Male, command: "add-child"));
        Assert.Equal(2, twoChildren.Document.QuerySelectorAll("fieldset.signup-child").Length);
        Assert.Equal("Léo", Value(twoChildren, "Children[0].FirstName"));

        var step4 = await client.SubmitAsync(twoChildren, Child(1, "Inès", InesBirth, Sex.Female));
        Assert.Equal("Étape 4 sur 4 : Validation", StepTitle(step4));
        Assert.Contains("GARNIER Élise", step4.Text);
        Assert.Contains(email, step4.Text);
        Assert.Contains("06 12 34 56 78", step4.Text);
        Assert.Contains("BEAULIEU-LES-SAGNES", step4.Text);
        Assert.Contains("Régime général", step4.Text);
        Assert.Contains($"Léo GARNIER, né(e) le {LeoBirth}, Masculin", step4.Text);
        Assert.Contains($"Inès GARNIER, né(e) le {InesBirth}, Féminin", step4.Text);
        Assert.Contains("Mairie de Beaulieu-les-Sagnes, par son Service Enfance Jeunesse", step4.Text);
        Assert.NotNull(step4.Document.QuerySelector("main a[href='/mentions-legales']"));
        Assert.StartsWith("J'accepte que mes données soient traitées", step4.Document.QuerySelector("label[for=Consent]")!.TextContent.Trim(), StringComparison.Ordinal);
        var families = await FamiliesAsync();

        var sent = await SendAsync(client, step4);

        Assert.Equal("/inscription/envoyee", sent.Location);
        var submitted = await client.FollowAsync(sent);
        Assert.Contains("confirmer votre adresse email", submitted.Text);
        Assert.Contains(email, submitted.Text);
        // Nothing exists until the address is confirmed: no family in the agents' queue, no
        // account to sign in with, nothing told to the service.
        Assert.Equal(families, await FamiliesAsync());
        Assert.False(await factory.WithDbAsync(db => db.Users.AnyAsync(u => u.Email == email)));
        using (var tooEarly = factory.NewClient())
        {
            Assert.Contains(SignInService.FailedMessage, (await tooEarly.SignInFamilyAsync(email, Password)).Errors);
        }

        var link = await ConfirmationLinkAsync(email);
        Assert.False(await factory.WithDbAsync(db => db.OutboxMails.AnyAsync(m => m.To == ServiceEmail && m.TextBody.Contains(email))));
        var mail = MailsTo(email).Single();
        Assert.Contains("valable 24 heures", mail.TextBody);
        Assert.DoesNotContain(Password, mail.TextBody, StringComparison.Ordinal);

        // From any browser: the mail program's.
        using var mailReader = factory.NewClient();
        var confirmPage = await mailReader.GetAsync(link);
        Assert.Equal(families, await FamiliesAsync());
        var confirmed = await mailReader.PressAsync(confirmPage, "Confirmer mon adresse email");
        Assert.Contains("Votre adresse email est confirmée", confirmed.Text);
        Assert.Contains("en attente de validation", confirmed.Text);
        Assert.Equal(families + 1, await FamiliesAsync());
        Assert.False(await factory.WithDbAsync(db => db.SignUpDrafts.AnyAsync(d => d.Id == draftId && d.PasswordHash != null)));

        var familyId = await factory.WithDbAsync(db => db.Guardians.Where(g => g.Email == email).Select(g => g.FamilyId).SingleAsync());
        var family = await factory.WithDbAsync(db => db.Families.Include(f => f.Children).SingleAsync(f => f.Id == familyId));
        Assert.Equal(FamilyStatus.PendingValidation, family.Status);
        Assert.Equal("Inès, Léo", string.Join(", ", family.Children.Select(c => c.FirstName).Order()));
        Assert.Equal("38860", family.Contact!.PostalCode);
        Assert.Equal("+33612345678", family.Contact.MobilePhone1);
        Assert.Equal(BenefitScheme.General, family.Contact.BenefitScheme);
        var user = await factory.WithDbAsync(db => db.Users.SingleAsync(u => u.Email == email));
        Assert.Equal(familyId, user.FamilyId);
        Assert.True(user.EmailConfirmed);
        Assert.True(await factory.WithDbAsync(db => db.AuditEntries.AnyAsync(e => e.SubjectId == familyId && e.Description.StartsWith("Inscription en ligne"))));

        var received = await factory.Smtp.WaitForMessageAsync(email, m => m.Subject?.StartsWith("Votre demande d'inscription a bien été reçue", StringComparison.Ordinal) == true);
        Assert.Contains("en attente de validation", received.TextBody);
        Assert.DoesNotContain(Password, received.TextBody, StringComparison.Ordinal);
        var toService = await factory.Smtp.WaitForMessageAsync(ServiceEmail, m => m.TextBody?.Contains(email, StringComparison.Ordinal) == true);
        Assert.StartsWith("Nouvelle inscription en ligne à valider", toService.Subject);

        using var signedIn = factory.NewClient();
        Assert.Equal("/famille", (await signedIn.SignInFamilyAsync(email, Password)).Location);
        var space = await signedIn.GetAsync("/famille");
        Assert.Contains("Votre dossier est en attente de validation par le service.", space.Text);
        Assert.Contains("Famille : GARNIER Élise", space.Text);
        Assert.Contains("Léo GARNIER", space.Text);
        Assert.Contains("Inès GARNIER", space.Text);
    }

    [Fact]
    public async Task GoingBack_FromStep3ToStep1_KeepsWhatWasTyped_AndThePassword()
    {
        using var client = factory.NewClient();
        var email = TestData.UniqueEmail("inscription");
        var step3 = await ToStep3Async(client, email);

        // "Précédent" keeps what was typed in the step, even unfinished.
        var step2 = await client.SubmitAsync(step3, Child(0, "Léo", "14/03/20", Sex.Male, command: "previous"));
        Assert.Equal("Étape 2 sur 4 : Coordonnées", StepTitle(step2));
        Assert.Equal("4 allée des Mésanges", Value(step2, "Contact.Street"));
        Assert.Equal("06 12 34 56 78", Value(step2, "Contact.MobilePhone1"));
        Assert.True(((IHtmlInputElement)step2.Document.QuerySelector("#Contact_BenefitScheme")!).IsChecked);

        var step1 = await client.SubmitAsync(step2, new Dictionary<string, string> { ["Command"] = "previous" });
        Assert.Equal("Étape 1 sur 4 : Responsable du foyer", StepTitle(step1));
        Assert.Equal("Garnier", Value(step1, "Responsible.LastName"));
        Assert.Equal("Élise", Value(step1, "Responsible.FirstName"));
        Assert.Equal(email, Value(step1, "Responsible.Email"));
        Assert.Equal(string.Empty, Value(step1, "NewPassword.Password"));
        Assert.Contains("Votre mot de passe est déjà enregistré", step1.Text);

        // Forward again without typing the password: the one chosen before is kept.
        var again2 = await client.SubmitAsync(step1, new Dictionary<string, string> { ["Command"] = "next" });
        Assert.Equal("Étape 2 sur 4 : Coordonnées", StepTitle(again2));
        Assert.Equal("38860", Value(again2, "Contact.PostalCode"));
        var again3 = await client.SubmitAsync(again2, new Dictionary<string, string> { ["Command"] = "next" });
        Assert.Equal("Étape 3 sur 4 : Enfants", StepTitle(again3));
        Assert.Equal("Léo", Value(again3, "Children[0].FirstName"));
        Assert.Equal("14/03/20", Value(again3, "Children[0].BirthDate"));
        Assert.True(((IHtmlInputElement)again3.Document.QuerySelector("#Children_0__Sex_Male")!).IsChecked);

        var step4 = await client.SubmitAsync(again3, Child(0, "Léo", LeoBirth, Sex.Male));
        await SendAsync(client, step4);
        await ConfirmAsync(client, email);
        using var signedIn = factory.NewClient();
        Assert.Equal("/famille", (await signedIn.SignInFamilyAsync(email, Password)).Location);
    }

    [Fact]
    public async Task SummaryModifyButton_GoesBackToItsStep_WithTheValues()
    {
        using var client = factory.NewClient();
        var step4 = await ToStep4Async(client, TestData.UniqueEmail("inscription"));
        Assert.Equal(3, step4.Document.QuerySelectorAll("button[name=GoToStep]").Length);

        var step2 = await client.SubmitAsync(step4, new Dictionary<string, string> { ["GoToStep"] = "2" });

        Assert.Equal("Étape 2 sur 4 : Coordonnées", StepTitle(step2));
        Assert.Equal("38860", Value(step2, "Contact.PostalCode"));
        var back = await client.SubmitAsync(step2, new Dictionary<string, string> { ["Command"] = "next" });
        Assert.Equal("Léo", Value(back, "Children[0].FirstName"));
    }

    [Fact]
    public async Task RemovingAChild_KeepsTheOthers()
    {
        using var client = factory.NewClient();
        var step3 = await ToStep3Async(client, TestData.UniqueEmail("inscription"));
        var two = await client.SubmitAsync(step3, Child(0, "Léo", LeoBirth, Sex.Male, command: "add-child"));

        var one = await client.SubmitAsync(two, Merge(Child(1, "Inès", InesBirth, Sex.Female, command: "none"), new() { ["RemoveChild"] = "0" }));

        var block = Assert.Single(one.Document.QuerySelectorAll("fieldset.signup-child"));
        Assert.Equal("Inès", Value(one, "Children[0].FirstName"));
        Assert.Equal(InesBirth, Value(one, "Children[0].BirthDate"));
        Assert.Null(block.QuerySelector("button[name=RemoveChild]"));
    }

    [Theory]
    [InlineData("pas-un-email", Password, Password, "Saisissez une adresse email valide, par exemple nom@exemple.fr.")]
    [InlineData("", Password, Password, "Saisissez une adresse email valide, par exemple nom@exemple.fr.")]
    [InlineData(null, "court", "court", "Le mot de passe doit contenir au moins 12 caractères.")]
    [InlineData(null, "motdepasselong", "motdepasselong", "Le mot de passe doit contenir au moins une lettre majuscule.")]
    [InlineData(null, Password, "Autre-Passe-2026!", "Les deux mots de passe saisis ne sont pas identiques.")]
    [InlineData(null, "", "", "Saisissez le nouveau mot de passe.")]
    public async Task Step1_Refusals_AreInFrench_AndNoDraftIsSaved(string? email, string password, string confirmation, string expected)
    {
        using var client = factory.NewClient();
        var drafts = await DraftsAsync();

        var page = await client.SubmitAsync("/inscription", Responsible(email ?? TestData.UniqueEmail("inscription"), password, confirmation));

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Equal("Étape 1 sur 4 : Responsable du foyer", StepTitle(page));
        Assert.Contains(expected, page.Errors);
        Assert.Equal(string.Empty, Value(page, "NewPassword.Password"));
        Assert.Equal("Garnier", Value(page, "Responsible.LastName"));
        Assert.Equal(drafts, await DraftsAsync());
    }

    [Fact]
    public async Task Step2_BadPostcodeAndNoPhone_AreRefused_WithLinksToTheFields()
    {
        using var client = factory.NewClient();
        var step2 = await client.SubmitAsync("/inscription", Responsible(TestData.UniqueEmail("inscription")));

        var page = await client.SubmitAsync(step2, Contact(postalCode: "3886", mobile: string.Empty));

        Assert.Equal("Étape 2 sur 4 : Coordonnées", StepTitle(page));
        Assert.Contains("Le code postal doit comporter 5 chiffres, par exemple 38860.", page.Errors);
        Assert.Contains("Indiquez au moins un numéro (domicile ou portable) où joindre la famille.", page.Errors);
        var link = page.Document.QuerySelector(".alert--error a[href='#Contact_PostalCode']");
        Assert.NotNull(link);
        Assert.Equal("3886", Value(page, "Contact.PostalCode"));
        Assert.Equal("true", page.Document.QuerySelector("#Contact_PostalCode")!.GetAttribute("aria-invalid"));
        Assert.Equal("4 allée des Mésanges", Value(page, "Contact.Street"));
    }

    [Theory]
    [InlineData(10, "La date de naissance ne peut pas être dans le futur.")]
    [InlineData(null, "Saisissez la date de naissance au format jj/mm/aaaa.")]
    public async Task Step3_BadBirthDates_AreRefused(int? daysFromToday, string expected)
    {
        using var client = factory.NewClient();
        var step3 = await ToStep3Async(client, TestData.UniqueEmail("inscription"));
        var birth = daysFromToday is { } days
            ? Today.AddDays(days).ToString("dd/MM/yyyy", System.Globalization.CultureInfo.InvariantCulture)
            : "2018-03-14";

        var page = await client.SubmitAsync(step3, Child(0, "Léo", birth, Sex.Male));

        Assert.Equal("Étape 3 sur 4 : Enfants", StepTitle(page));
        Assert.Contains(expected, page.Errors);
        Assert.NotNull(page.Document.QuerySelector(".alert--error a[href='#Children_0__BirthDate']"));
        Assert.Equal(birth, Value(page, "Children[0].BirthDate"));
    }

    [Fact]
    public async Task Step4_WithoutConsent_IsRefused_AndNothingIsSaved()
    {
        using var client = factory.NewClient();
        var email = TestData.UniqueEmail("inscription");
        var step4 = await ToStep4Async(client, email);
        var families = await FamiliesAsync();

        var page = await client.PressAsync(step4, "Envoyer ma demande d'inscription");

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Equal("Étape 4 sur 4 : Validation", StepTitle(page));
        Assert.Contains(page.Errors, e => e.StartsWith("Cochez la case « J'accepte que mes données soient traitées »", StringComparison.Ordinal));
        Assert.NotNull(page.Document.QuerySelector(".alert--error a[href='#Consent']"));
        Assert.Equal(families, await FamiliesAsync());
        Assert.False(await factory.WithDbAsync(db => db.Users.AnyAsync(u => u.Email == email)));

        // The draft is still there: ticking the box is enough.
        var sent = await SendAsync(client, page);
        Assert.Equal("/inscription/envoyee", sent.Location);
    }

    [Fact]
    public async Task EmailAlreadyUsed_GetsTheSamePage_CreatesNothing_AndTellsTheOwner()
    {
        var owner = await TestData.CreateFamilyAsync(factory, "Vidal");
        var newcomer = TestData.UniqueEmail("inscription");

        using var first = factory.NewClient();
        var newPage = await first.FollowAsync(await SendAsync(first, await ToStep4Async(first, newcomer)));

        using var second = factory.NewClient();
        var step4 = await ToStep4Async(second, owner.Email.ToUpperInvariant());
        var families = await FamiliesAsync();
        var users = await factory.WithDbAsync(db => db.Users.CountAsync());
        var sent = await SendAsync(second, step4);

        Assert.Equal("/inscription/envoyee", sent.Location);
        var ownerPage = await second.FollowAsync(sent);
        Assert.Equal(
            newPage.Document.QuerySelector("main")!.TextContent.Replace(newcomer, "ADRESSE", StringComparison.Ordinal),
            ownerPage.Document.QuerySelector("main")!.TextContent.Replace(owner.Email, "ADRESSE", StringComparison.Ordinal));
        Assert.Equal(families, await FamiliesAsync());
        Assert.Equal(users, await factory.WithDbAsync(db => db.Users.CountAsync()));
        Assert.Equal(0, await factory.WithDbAsync(db => db.Guardians.CountAsync(g => g.Email == owner.Email && g.FamilyId != owner.FamilyId)));

        var warning = await factory.Smtp.WaitForMessageAsync(owner.Email);
        Assert.StartsWith("Demande d'inscription avec votre adresse email", warning.Subject);
        Assert.Contains("Quelqu'un a demandé à créer un compte", warning.TextBody);
        Assert.Contains("Mot de passe oublié", warning.TextBody);
        var queued = await factory.WithDbAsync(db => db.OutboxMails.Where(m => m.To == owner.Email).Select(m => m.Subject).ToListAsync());
        Assert.Single(queued);

        // The owner's account is untouched: the password typed in the sign-up does not open it.
        using var check = factory.NewClient();
        Assert.Contains(SignInService.FailedMessage, (await check.SignInFamilyAsync(owner.Email, Password)).Errors);
        Assert.Equal("/famille", (await check.SignInFamilyAsync(owner.Email, owner.Password)).Location);
    }

    [Fact]
    public async Task ADraft_CannotBeResumed_FromAnotherBrowser()
    {
        using var owner = factory.NewClient();
        var email = TestData.UniqueEmail("inscription");
        var step2 = await owner.SubmitAsync("/inscription", Responsible(email));
        var draftId = Value(step2, "DraftId");
        var id = Guid.Parse(draftId);

        using var stranger = factory.NewClient();
        var strangerStep1 = await stranger.GetAsync("/inscription");
        var stolen = await stranger.SubmitAsync(strangerStep1, Merge(Contact(), new() { ["DraftId"] = draftId, ["Step"] = "2", ["Command"] = "previous" }));

        Assert.Equal("Étape 1 sur 4 : Responsable du foyer", StepTitle(stolen));
        Assert.Contains(stolen.Errors, e => e.StartsWith(Expired, StringComparison.Ordinal));
        Assert.DoesNotContain(email, stolen.Document.DocumentElement.OuterHtml, StringComparison.Ordinal);
        var payload = await factory.WithDbAsync(db => db.SignUpDrafts.Where(d => d.Id == id).Select(d => d.Payload).SingleAsync());
        Assert.DoesNotContain("Mésanges", payload, StringComparison.Ordinal);

        // Its owner goes on as if nothing happened.
        var step3 = await owner.SubmitAsync(step2, Contact());
        Assert.Equal("Étape 3 sur 4 : Enfants", StepTitle(step3));
    }

    [Fact]
    public async Task AnExpiredDraft_IsRefused_AndDeleted()
    {
        using var client = factory.NewClient();
        var step2 = await client.SubmitAsync("/inscription", Responsible(TestData.UniqueEmail("inscription")));
        var draftId = Guid.Parse(Value(step2, "DraftId"));
        await factory.WithDbAsync(db => db.SignUpDrafts.Where(d => d.Id == draftId)
            .ExecuteUpdateAsync(s => s.SetProperty(d => d.ExpiresAt, factory.Clock.UtcNow.AddMinutes(-1))));

        var page = await client.SubmitAsync(step2, Contact());

        Assert.Equal("Étape 1 sur 4 : Responsable du foyer", StepTitle(page));
        Assert.Contains(page.Errors, e => e.StartsWith(Expired, StringComparison.Ordinal));
        Assert.Equal(string.Empty, Value(page, "Responsible.Email"));
        Assert.False(await factory.WithDbAsync(db => db.SignUpDrafts.AnyAsync(d => d.Id == draftId)));
    }

    [Fact]
    public async Task ConfirmationLink_ServesOnce()
    {
        using var client = factory.NewClient();
        var email = TestData.UniqueEmail("inscription");
        await SendAsync(client, await ToStep4Async(client, email));
        var link = await ConfirmationLinkAsync(email);
        var page = await client.GetAsync(link);
        Assert.Contains("Votre adresse email est confirmée", (await client.PressAsync(page, "Confirmer mon adresse email")).Text);

        var again = await client.GetAsync(link);
        var replayed = await client.PressAsync(page, "Confirmer mon adresse email");

        Assert.Equal("Ce lien a déjà servi", again.Document.QuerySelector("h1")!.TextContent.Trim());
        Assert.Equal("Ce lien a déjà servi", replayed.Document.QuerySelector("h1")!.TextContent.Trim());
        Assert.Equal(1, await factory.WithDbAsync(db => db.Guardians.CountAsync(g => g.Email == email)));
    }

    [Fact]
    public async Task ConfirmationLink_OpenedTwiceAtOnce_CreatesOneFamily()
    {
        var email = TestData.UniqueEmail("inscription");
        using (var client = factory.NewClient())
        {
            await SendAsync(client, await ToStep4Async(client, email));
        }

        var link = await ConfirmationLinkAsync(email);
        using var first = factory.NewClient();
        using var second = factory.NewClient();
        var firstPage = await first.GetAsync(link);
        var secondPage = await second.GetAsync(link);

        var pages = await Task.WhenAll(
            first.PressAsync(firstPage, "Confirmer mon adresse email"),
            second.PressAsync(secondPage, "Confirmer mon adresse email"));

        Assert.All(pages, p => Assert.Equal(HttpStatusCode.OK, p.Status));
        Assert.Single(pages, p => p.Text.Contains("Votre adresse email est confirmée", StringComparison.Ordinal));
        Assert.Equal(1, await factory.WithDbAsync(db => db.Guardians.CountAsync(g => g.Email == email)));
        Assert.Equal(1, await factory.WithDbAsync(db => db.Users.CountAsync(u => u.Email == email)));
    }

    [Fact]
    public async Task ExpiredConfirmationLink_SaysSo_AndSendsANewOne_WhichWorks()
    {
        using var client = factory.NewClient();
        var email = TestData.UniqueEmail("inscription");
        await SendAsync(client, await ToStep4Async(client, email));
        var oldLink = await ConfirmationLinkAsync(email);
        await factory.WithDbAsync(db => db.SignUpDrafts.Where(d => d.Payload.Contains(email))
            .ExecuteUpdateAsync(s => s.SetProperty(d => d.ExpiresAt, factory.Clock.UtcNow.AddMinutes(-1))));

        var expired = await client.GetAsync(oldLink);
        Assert.Equal("Ce lien a expiré", expired.Document.QuerySelector("h1")!.TextContent.Trim());
        Assert.Null(expired.Document.QuerySelectorAll("button").FirstOrDefault(b => b.TextContent.Contains("Confirmer mon adresse", StringComparison.Ordinal)));
        Assert.False(await factory.WithDbAsync(db => db.Users.AnyAsync(u => u.Email == email)));

        var renewed = await client.PressAsync(expired, "Recevoir un nouveau lien");
        Assert.Contains("Un nouveau lien de confirmation vient d'être envoyé", renewed.Text);
        var newLink = await ConfirmationLinkAsync(email, count: 2);
        Assert.NotEqual(oldLink, newLink);
        Assert.Equal("Ce lien n'est pas valable", (await client.GetAsync(oldLink)).Document.QuerySelector("h1")!.TextContent.Trim());

        var page = await client.GetAsync(newLink);
        Assert.Contains("Votre adresse email est confirmée", (await client.PressAsync(page, "Confirmer mon adresse email")).Text);
        using var signedIn = factory.NewClient();
        Assert.Equal("/famille", (await signedIn.SignInFamilyAsync(email, Password)).Location);
    }

    [Fact]
    public async Task ForgedConfirmationLink_IsNotValid_AndCreatesNothing()
    {
        using var client = factory.NewClient();
        var email = TestData.UniqueEmail("inscription");
        await SendAsync(client, await ToStep4Async(client, email));
        var link = await ConfirmationLinkAsync(email);
        var forged = link[..link.IndexOf("jeton=", StringComparison.Ordinal)] + "jeton=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";

        var page = await client.GetAsync(forged);
        var genuine = await client.GetAsync(link);
        var posted = await client.PressAsync(genuine, "Confirmer mon adresse email", new Dictionary<string, string> { ["jeton"] = "AAAA" });

        Assert.Equal("Ce lien n'est pas valable", page.Document.QuerySelector("h1")!.TextContent.Trim());
        Assert.Equal("Ce lien n'est pas valable", posted.Document.QuerySelector("h1")!.TextContent.Trim());
        Assert.False(await factory.WithDbAsync(db => db.Users.AnyAsync(u => u.Email == email)));
    }

    [Fact]
    public async Task SentRequest_CannotBeResumedOrEdited()
    {
        using var client = factory.NewClient();
        var email = TestData.UniqueEmail("inscription");
        var step4 = await ToStep4Async(client, email);
        var draftId = Value(step4, "DraftId");
        await SendAsync(client, step4);

        var resumed = await client.SubmitAsync(step4, new Dictionary<string, string> { ["Command"] = "previous" });

        Assert.Contains(resumed.Errors, e => e.StartsWith(Expired, StringComparison.Ordinal));
        Assert.True(await factory.WithDbAsync(db => db.SignUpDrafts.AnyAsync(d => d.Id == Guid.Parse(draftId) && d.SubmittedAt != null)));
    }
}
