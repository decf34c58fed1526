using System.Globalization;
using System.Net;
using AngleSharp.Html.Dom;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PortailFamille.Domain.Families;
using PortailFamille.Web.Data;
using PortailFamille.Web.Features.Accounts;
using PortailFamille.Web.Tests.Infrastructure;

namespace PortailFamille.Web.Tests.Gestion;

/// <summary>The back office's family file: the whole file, its history, and what an agent does with it.</summary>
public sealed class FamilyFileTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private const string Commune = " - Mairie de Beaulieu-les-Sagnes";

    private async Task<PortalClient> AgentAsync()
    {
        var agent = factory.NewClient();
        await agent.SignInStaffAsync(Demo.AgentEmail, Demo.AgentPassword);
        return agent;
    }

    /// <summary>A family that signed up online and waits for an agent, with its own account.</summary>
    private async Task<TestAccount> CreatePendingFamilyAsync(string lastName)
    {
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var email = TestData.UniqueEmail("inscription");
        var contact = ContactDetails.Create(new ContactDetailsInput(
            "3 rue des Lilas", "38860", "Beaulieu-les-Sagnes", null, "06 11 22 33 44", null, null, null, null, BenefitScheme.None, null)).Value;
        var family = Family.SignUp("Nadia", lastName, email, contact, factory.Clock.UtcNow).Value;
        db.Families.Add(family);
        await db.SaveChangesAsync();
        var user = new AppUser
        {
            Id = Guid.NewGuid(),
            UserName = email,
            Email = email,
            FirstName = "Nadia",
            LastName = lastName,
            FamilyId = family.Id,
            CreatedAt = factory.Clock.UtcNow,
            ActivatedAt = factory.Clock.UtcNow,
        };
        Assert.True((await users.CreateAsync(user, TestData.Password)).Succeeded);
        Assert.True((await users.AddToRoleAsync(user, Roles.Family)).Succeeded);
        return new TestAccount(user.Id, email, TestData.Password, family.Id);
    }

    /// <summary>Families straight in the database, without accounts: enough to search and page.</summary>
    private async Task<IReadOnlyList<Guid>> CreateFamiliesAsync(string lastName, IEnumerable<string> firstNames, Action<Family>? change = null)
    {
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var ids = new List<Guid>();
        foreach (var firstName in firstNames)
        {
            var family = Family.CreateKnown(firstName, lastName, TestData.UniqueEmail(), factory.Clock.UtcNow).Value;
            change?.Invoke(family);
            db.Families.Add(family);
            ids.Add(family.Id);
        }

        await db.SaveChangesAsync();
        return ids;
    }

    /// <summary>A name that no other test uses, made of letters only, as names must be.</summary>
    private static string UniqueName(string prefix) =>
        prefix + string.Concat(Guid.NewGuid().ToString("N")[..8].Select(c => (char)('a' + (Convert.ToInt32(c.ToString(), 16)))));

    private static Task<FamilyStatus> StatusAsync(PortalFactory factory, Guid familyId) =>
        factory.WithDbAsync(db => db.Families.Where(f => f.Id == familyId).Select(f => f.Status).SingleAsync());

    /// <summary>The value shown for a term of a definition list, with no-break spaces made plain.</summary>
    private static string Detail(HtmlPage page, string term, string within = "main") =>
        Plain(page.Document.QuerySelector(within)!.QuerySelectorAll("dt").Single(dt => dt.TextContent.Trim() == term).NextElementSibling!.TextContent.Trim());

    private const string Coordonnees = "section[aria-labelledby=titre-coordonnees]";

    private static string Plain(string text) => text.Replace('\u00a0', ' ').Replace('\u202f', ' ');

    private static IReadOnlyList<string> RowNames(HtmlPage page) =>
        [.. page.Document.QuerySelectorAll("tbody th[scope=row]").Select(th => th.TextContent.Trim())];

    private static string Form(string handler) => $"form[action*='handler={handler}']";

    [Fact]
    public async Task Search_ByFamilyName_FindsTheFamily_WhoseRowLinksToItsFile()
    {
        var name = UniqueName("Quen");
        var familyId = (await TestData.CreateFamilyAsync(factory, name)).FamilyId!.Value;
        using var agent = await AgentAsync();

        var page = await agent.GetAsync($"/gestion/familles?recherche={name.ToUpperInvariant()[..7]}");

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Equal([$"{name.ToUpperInvariant()} Alice"], RowNames(page));
        Assert.Contains("1 famille(s) trouvée(s)", page.Text);
        var link = page.Document.QuerySelector("tbody th[scope=row] a")!.GetAttribute("href");
        Assert.Equal($"/gestion/familles/{familyId}", link);
        Assert.Equal(name.ToUpperInvariant()[..7], ((IHtmlInputElement)page.Document.QuerySelector("#recherche")!).Value);
        var file = await agent.GetAsync(link!);
        Assert.Contains($"Famille {name.ToUpperInvariant()} Alice", file.Text);
    }

    [Fact]
    public async Task Search_ByTheEmailOfEitherGuardian_FindsTheFamily()
    {
        var name = UniqueName("Mail");
        var parent2Email = TestData.UniqueEmail("parent2");
        var ids = await CreateFamiliesAsync(name, ["Anne"], f => f.AddSecondGuardian("Marc", name, parent2Email));
        var parent1Email = await factory.WithDbAsync(db => db.Guardians.Where(g => g.FamilyId == ids[0] && g.Rank == 1).Select(g => g.Email).SingleAsync());
        using var agent = await AgentAsync();

        var byParent1 = await agent.GetAsync($"/gestion/familles?recherche={Uri.EscapeDataString(parent1Email.ToUpperInvariant())}");
        var byParent2 = await agent.GetAsync($"/gestion/familles?recherche={Uri.EscapeDataString(parent2Email)}");

        Assert.Equal([$"{name.ToUpperInvariant()} Anne"], RowNames(byParent1));
        Assert.Equal([$"{name.ToUpperInvariant()} Anne"], RowNames(byParent2));
    }

    [Fact]
    public async Task Search_ByChildName_AndByFamilyAndChildTogether()
    {
        var name = UniqueName("Enf");
        var child = UniqueName("Ninon");
        var today = factory.Clock.Today;
        await TestData.CreateFamilyAsync(factory, name, (child, today.AddYears(-7)));
        using var agent = await AgentAsync();

        var byChild = await agent.GetAsync($"/gestion/familles?recherche={child}");
        var both = await agent.GetAsync($"/gestion/familles?recherche={name}+{child}");
        var wrongChild = await agent.GetAsync($"/gestion/familles?recherche={name}+Personne");

        Assert.Equal([$"{name.ToUpperInvariant()} Alice"], RowNames(byChild));
        Assert.Equal([$"{name.ToUpperInvariant()} Alice"], RowNames(both));
        Assert.Empty(RowNames(wrongChild));
        Assert.Contains("Aucune famille ne correspond à cette recherche.", wrongChild.Text);
    }

    [Fact]
    public async Task Search_TreatsLikeWildcardsAsText()
    {
        using var agent = await AgentAsync();

        var percent = await agent.GetAsync("/gestion/familles?recherche=%25");
        var underscore = await agent.GetAsync("/gestion/familles?recherche=_");

        Assert.Empty(RowNames(percent));
        Assert.Empty(RowNames(underscore));
    }

    [Fact]
    public async Task StateFilter_ShowsOnlyTheFilesInThatState()
    {
        var name = UniqueName("Etat");
        await CreatePendingFamilyAsync(name);
        await CreateFamiliesAsync(name, ["Active"]);
        using var agent = await AgentAsync();

        var all = await agent.GetAsync($"/gestion/familles?recherche={name}");
        var pending = await agent.GetAsync($"/gestion/familles?recherche={name}&etat=PendingValidation");
        var active = await agent.GetAsync($"/gestion/familles?recherche={name}&etat=Active");
        var rejected = await agent.GetAsync($"/gestion/familles?recherche={name}&etat=Rejected");
        var everything = await agent.GetAsync("/gestion/familles?etat=");

        Assert.Equal(2, RowNames(all).Count);
        Assert.Equal([$"{name.ToUpperInvariant()} Nadia"], RowNames(pending));
        Assert.Contains("En attente de validation", pending.Document.QuerySelector("tbody tr")!.TextContent);
        Assert.Equal([$"{name.ToUpperInvariant()} Active"], RowNames(active));
        Assert.Empty(RowNames(rejected));
        Assert.Equal("En attente de validation", ((IHtmlSelectElement)pending.Document.QuerySelector("#etat")!).SelectedOptions[0].TextContent);
        Assert.Equal(
            ["Tous", "En attente de validation", "Actif", "Refusé", "Désactivé"],
            everything.Document.QuerySelectorAll("#etat option").Select(o => o.TextContent.Trim()));
    }

    [Fact]
    public async Task List_IsPagedBy50_InNameOrder_AndPageLinksKeepTheSearch()
    {
        var name = UniqueName("Page");
        var firstNames = Enumerable.Range(0, 53).Select(i => "Prenom" + (char)('a' + (i / 26)) + (char)('a' + (i % 26))).ToList();
        await CreateFamiliesAsync(name, firstNames.AsEnumerable().Reverse());
        using var agent = await AgentAsync();

        var first = await agent.GetAsync($"/gestion/familles?recherche={name}&etat=Active");

        Assert.Contains("53 famille(s) trouvée(s)", first.Text);
        Assert.Equal(50, RowNames(first).Count);
        Assert.Equal($"{name.ToUpperInvariant()} Prenomaa", RowNames(first)[0]);
        Assert.Contains("Page 1 sur 2", first.Text);
        var next = first.Document.QuerySelectorAll(".pager a").Single(a => a.TextContent == "Page suivante").GetAttribute("href")!;
        Assert.Contains($"recherche={name}", next);
        Assert.Contains("etat=Active", next);
        Assert.Contains("page=2", next);

        var second = await agent.GetAsync(next);

        Assert.Equal([.. firstNames.Skip(50).Select(f => $"{name.ToUpperInvariant()} {f}")], RowNames(second));
        var previous = second.Document.QuerySelectorAll(".pager a").Single(a => a.TextContent == "Page précédente").GetAttribute("href")!;
        Assert.Contains($"recherche={name}", previous);
        Assert.DoesNotContain("page=", previous);
    }

    [Fact]
    public async Task File_ShowsTheDemoFamily_CoordonneesChildrenAndResources()
    {
        var familyId = await factory.WithDbAsync(db => db.Guardians.Where(g => g.Email == Demo.FamilyEmail).Select(g => g.FamilyId).SingleAsync());
        using var agent = await AgentAsync();

        var page = await agent.GetAsync($"/gestion/familles/{familyId}");

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Contains("Famille MARTIN Sophie", page.Document.QuerySelector("h1")!.TextContent);
        Assert.Equal("Actif", Detail(page, "Dossier"));
        Assert.Equal("MARTIN Sophie", Detail(page, "Responsable du foyer"));
        Assert.Equal("12 chemin des Écoles, 38860 BEAULIEU-LES-SAGNES", Detail(page, "Adresse"));
        Assert.Equal(Demo.FamilyEmail, Detail(page, "Email", Coordonnees));
        Assert.Equal("04 76 11 22 33", Detail(page, "Tél domicile"));
        Assert.Equal("06 12 34 56 78", Detail(page, "Portable Parent 1"));
        Assert.Equal("non renseigné", Detail(page, "Portable Parent 2"));
        Assert.Equal("Martin Sophie", Detail(page, "Nom de l'allocataire"));
        Assert.Equal("Régime général", Detail(page, "Régime allocataire"));
        Assert.Equal("1234567", Detail(page, "Numéro allocataire"));
        Assert.Equal("1 083,33 €", Detail(page, "Les derniers revenus"));
        Assert.Equal("2", Detail(page, "Nombre de parts"));
        Assert.Equal("542", Detail(page, "Quotient familial"));
        Assert.Equal("Calculé à partir des revenus et du nombre de parts", Detail(page, "Origine du quotient"));
        Assert.StartsWith("Compte activé le ", page.Document.QuerySelectorAll("dt").First(dt => dt.TextContent == "Compte").NextElementSibling!.TextContent);

        var children = page.Document.QuerySelectorAll("#titre-enfants ~ section h3").Select(h => h.TextContent).ToList();
        Assert.Equal(["Léa MARTIN", "Hugo MARTIN"], children);
        var lea = page.Document.QuerySelectorAll("section.card").Single(s => s.QuerySelector("h3")?.TextContent == "Léa MARTIN");
        var birth = await factory.WithDbAsync(db => db.Children.Where(c => c.FamilyId == familyId && c.FirstName == "Léa").Select(c => c.BirthDate).SingleAsync());
        Assert.Contains($"Né(e) le{birth.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture)}", lea.TextContent);
        Assert.Contains("Âge8 an(s)", lea.TextContent);
        Assert.Contains("SexeFéminin", lea.TextContent);
        Assert.Contains("Régime alimentaireSans régime particulier", lea.TextContent);
    }

    [Fact]
    public async Task File_ShowsTheChildCareDetailsAndAuthorisedPersons()
    {
        var name = UniqueName("Soin");
        var today = factory.Clock.Today;
        var person = AuthorisedPerson.Create("Jeanne Roux", "06 98 76 54 32", "grand-mère", mayPickUp: true, emergencyContact: false).Value;
        var ids = await CreateFamiliesAsync(name, ["Lou"], f =>
        {
            var child = f.AddChild("Tom", name, today.AddYears(-5), Sex.Male, today).Value;
            child.UpdateCare("École Jean Moulin", "GS", Diet.NoPork, "Allergie aux arachides : PAI", [person]);
        });
        using var agent = await AgentAsync();

        var page = await agent.GetAsync($"/gestion/familles/{ids[0]}");

        Assert.Equal("École Jean Moulin", Detail(page, "École"));
        Assert.Equal("GS", Detail(page, "Classe"));
        Assert.Equal("Sans porc", Detail(page, "Régime alimentaire"));
        Assert.Equal("Allergie aux arachides : PAI", Detail(page, "Allergies, PAI, santé"));
        var row = page.Document.QuerySelector("[aria-label^='Personnes autorisées'] tbody tr")!;
        Assert.Equal(["Jeanne Roux", "06 98 76 54 32", "grand-mère", "Oui", "Non"], row.Children.Select(c => c.TextContent.Trim()));
        Assert.Equal("Pas de compte sur le portail", Detail(page, "Compte"));
        Assert.Contains("Aucun revenu ni quotient familial n'est enregistré", page.Text);
    }

    [Fact]
    public async Task UnknownFamily_Is404()
    {
        using var agent = await AgentAsync();
        var page = await agent.GetAsync($"/gestion/familles/{Guid.NewGuid()}");
        Assert.Equal(HttpStatusCode.NotFound, page.Status);
    }

    [Fact]
    public async Task Validate_APendingSignUp_ActivatesTheFile_EmailsTheFamily_AndIsInTheHistory()
    {
        var name = UniqueName("Valide");
        var family = await CreatePendingFamilyAsync(name);
        using var agent = await AgentAsync();
        var file = await agent.GetAsync($"/gestion/familles/{family.FamilyId}");
        Assert.Equal("En attente de validation", Detail(file, "Dossier"));

        var validated = await agent.SubmitAsync(file, new Dictionary<string, string>(), Form("Validate"));

        Assert.Equal($"/gestion/familles/{family.FamilyId}", validated.Location);
        Assert.Equal(FamilyStatus.Active, await StatusAsync(factory, family.FamilyId!.Value));
        var mail = await factory.Smtp.WaitForMessageAsync(family.Email);
        Assert.Equal("Votre inscription au Portail Famille est validée" + Commune, mail.Subject);
        Assert.Contains("a validé votre inscription", mail.TextBody);
        Assert.Equal("/", mail.PortalLink());
        var after = await agent.FollowAsync(validated);
        Assert.Contains($"L'inscription de la famille {name.ToUpperInvariant()} Nadia est validée", after.Text);
        Assert.Equal("Actif", Detail(after, "Dossier"));
        var history = after.Document.QuerySelectorAll("#titre-historique + div tbody tr").Select(r => r.TextContent).ToList();
        Assert.Contains(history, h => h.Contains("BENALI Karim", StringComparison.Ordinal) && h.Contains("Inscription validée", StringComparison.Ordinal));
        Assert.Null(after.Document.QuerySelector(Form("Validate")));
    }

    [Fact]
    public async Task Reject_WithAReason_ClosesTheFile_AndEmailsTheReason()
    {
        var family = await CreatePendingFamilyAsync(UniqueName("Refus"));
        using var agent = await AgentAsync();
        const string Reason = "Votre domicile n'est pas dans une commune desservie par le service.";

        var rejected = await agent.SubmitAsync($"/gestion/familles/{family.FamilyId}", new Dictionary<string, string> { ["Reason"] = Reason }, Form("Reject"));

        Assert.Equal($"/gestion/familles/{family.FamilyId}", rejected.Location);
        Assert.Equal(FamilyStatus.Rejected, await StatusAsync(factory, family.FamilyId!.Value));
        var mail = await factory.Smtp.WaitForMessageAsync(family.Email);
        Assert.Equal("Votre inscription au Portail Famille n'a pas été acceptée" + Commune, mail.Subject);
        Assert.Contains(Reason, mail.TextBody);
        var after = await agent.FollowAsync(rejected);
        Assert.Equal("Refusé", Detail(after, "Dossier"));
        Assert.Equal(Reason, Detail(after, "Motif du refus"));
        Assert.Contains(after.Document.QuerySelectorAll("#titre-historique + div tbody td").Select(td => td.TextContent), t => t.Contains(Reason, StringComparison.Ordinal));

        using var client = factory.NewClient();
        var signIn = await client.SignInFamilyAsync(family.Email, family.Password);
        Assert.Contains(SignInService.FamilyClosedMessage, signIn.Errors);
    }

    [Fact]
    public async Task Reject_WithoutReason_IsRefused_AndNothingChanges()
    {
        var family = await CreatePendingFamilyAsync(UniqueName("Sansmotif"));
        using var agent = await AgentAsync();

        var page = await agent.SubmitAsync($"/gestion/familles/{family.FamilyId}", new Dictionary<string, string> { ["Reason"] = "  " }, Form("Reject"));

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Contains("Indiquez le motif du refus : il est envoyé à la famille.", page.Errors);
        Assert.NotNull(page.Document.QuerySelector("#Reason"));
        Assert.Equal(FamilyStatus.PendingValidation, await StatusAsync(factory, family.FamilyId!.Value));
        Assert.Empty(await factory.QueuedMailsToAsync(family.Email));
    }

    [Fact]
    public async Task Validate_AnActiveFile_IsRefusedInFrench_NotAnError()
    {
        var family = await TestData.CreateFamilyAsync(factory, UniqueName("Deja"));
        using var agent = await AgentAsync();
        var file = await agent.GetAsync($"/gestion/familles/{family.FamilyId}");
        var token = file.Document.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;

        var page = await agent.PostAsync($"/gestion/familles/{family.FamilyId}?handler=Validate", [new("__RequestVerificationToken", token)]);
        var unknown = await agent.PostAsync($"/gestion/familles/{Guid.NewGuid()}?handler=Validate", [new("__RequestVerificationToken", token)]);

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Contains("Seul un dossier en attente de validation peut être validé.", page.Errors);
        Assert.Equal(HttpStatusCode.NotFound, unknown.Status);
    }

    [Fact]
    public async Task Deactivate_ClosesTheFile_TheFamilyCannotSignIn_AndReactivateOpensItAgain()
    {
        var family = await TestData.CreateFamilyAsync(factory, UniqueName("Clos"));
        var stampBefore = await factory.WithDbAsync(db => db.Users.Where(u => u.Id == family.UserId).Select(u => u.SecurityStamp).SingleAsync());
        using var agent = await AgentAsync();

        var closed = await agent.SubmitAsync($"/gestion/familles/{family.FamilyId}", new Dictionary<string, string>(), Form("Deactivate"));

        Assert.Equal($"/gestion/familles/{family.FamilyId}", closed.Location);
        Assert.Equal(FamilyStatus.Deactivated, await StatusAsync(factory, family.FamilyId!.Value));
        // A new stamp ends the family's open sessions at the next check.
        Assert.NotEqual(stampBefore, await factory.WithDbAsync(db => db.Users.Where(u => u.Id == family.UserId).Select(u => u.SecurityStamp).SingleAsync()));
        using (var client = factory.NewClient())
        {
            var signIn = await client.SignInFamilyAsync(family.Email, family.Password);
            Assert.Contains(SignInService.FamilyClosedMessage, signIn.Errors);
        }

        var file = await agent.FollowAsync(closed);
        Assert.Equal("Désactivé", Detail(file, "Dossier"));
        Assert.Contains(file.Document.QuerySelectorAll("#titre-historique + div tbody td").Select(td => td.TextContent), t => t.StartsWith("Dossier désactivé", StringComparison.Ordinal));

        var reopened = await agent.SubmitAsync(file, new Dictionary<string, string>(), Form("Reactivate"));

        Assert.Equal(FamilyStatus.Active, await StatusAsync(factory, family.FamilyId.Value));
        Assert.Contains("est réactivé", (await agent.FollowAsync(reopened)).Text);
        using var again = factory.NewClient();
        Assert.Equal("/famille", (await again.SignInFamilyAsync(family.Email, family.Password)).Location);
    }

    [Fact]
    public async Task File_ShowsAPendingInvitation_AndSendsItAgain()
    {
        var email = TestData.UniqueEmail();
        using var agent = await AgentAsync();
        await agent.SubmitAsync("/gestion/familles/nouvelle", new Dictionary<string, string>
        {
            ["Input.LastName"] = UniqueName("Invite"),
            ["Input.FirstName"] = "Rose",
            ["Input.Email"] = email,
        });
        var firstLink = (await factory.Smtp.WaitForMessageAsync(email)).PortalLink();
        var familyId = await factory.WithDbAsync(db => db.Guardians.Where(g => g.Email == email).Select(g => g.FamilyId).SingleAsync());
        var file = await agent.GetAsync($"/gestion/familles/{familyId}");
        Assert.Equal("Invitation envoyée, pas encore acceptée", Detail(file, "Compte"));

        var resent = await agent.SubmitAsync(file, new Dictionary<string, string>(), Form("Resend"));

        Assert.Equal($"/gestion/familles/{familyId}", resent.Location);
        var secondLink = (await factory.Smtp.WaitForMessageAsync(email, m => m.PortalLink() != firstLink)).PortalLink();
        using var family = factory.NewClient();
        Assert.Contains("n'est plus valable", (await family.GetAsync(firstLink)).Text);
        Assert.Contains("Choisir mon mot de passe", (await family.GetAsync(secondLink)).Text);
        Assert.Contains($"Invitation envoyée à nouveau à {email}.", (await agent.FollowAsync(resent)).Text);
    }

    [Fact]
    public async Task Resources_TypedWithFrenchDecimals_ComputeTheQuotient_AndAreInTheHistory()
    {
        var family = await TestData.CreateFamilyAsync(factory, UniqueName("Revenu"));
        using var agent = await AgentAsync();
        var file = await agent.GetAsync($"/gestion/familles/{family.FamilyId}");
        var today = factory.Clock.Today;
        Assert.Equal(today.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture), ((IHtmlInputElement)file.Document.QuerySelector("#Resources_UpdatedOn")!).Value);

        var saved = await agent.SubmitAsync(file, new Dictionary<string, string>
        {
            ["Resources.MonthlyResources"] = "1 083,33",
            ["Resources.Parts"] = "2",
            ["Resources.Quotient"] = "",
            ["Resources.UpdatedOn"] = "01/10/2026",
        }, Form("Resources"));

        Assert.Equal($"/gestion/familles/{family.FamilyId}", saved.Location);
        var page = await agent.FollowAsync(saved);
        Assert.Equal("1 083,33 €", Detail(page, "Les derniers revenus"));
        Assert.Equal("542", Detail(page, "Quotient familial"));
        Assert.Equal("01/10/2026", Detail(page, "Date de mise à jour de revenus"));
        Assert.Contains(page.Document.QuerySelectorAll("#titre-historique + div tbody td").Select(td => Plain(td.TextContent)),
            t => t.Contains("QF non renseigné → 542 (calculé : 1 083,33 € / 2 parts)", StringComparison.Ordinal));
        Assert.Equal("1083,33", ((IHtmlInputElement)page.Document.QuerySelector("#Resources_MonthlyResources")!).Value);

        var again = await agent.SubmitAsync(page, new Dictionary<string, string>
        {
            ["Resources.MonthlyResources"] = "2500.50",
            ["Resources.Parts"] = "2,5",
        }, Form("Resources"));
        var resources = await factory.WithDbAsync(db => db.Families.AsNoTracking().Where(f => f.Id == family.FamilyId).Select(f => f.Resources).SingleAsync());
        Assert.Equal(2500.50m, resources!.MonthlyResources);
        Assert.Equal(2.5m, resources.Parts);
        Assert.Equal(1000, resources.Quotient);
        Assert.False(resources.QuotientGivenByFund);
        Assert.Contains("QF 542 → 1000", (await agent.FollowAsync(again)).Text);
    }

    [Fact]
    public async Task Resources_QuotientGivenByTheFund_IsKeptAsGiven()
    {
        var family = await TestData.CreateFamilyAsync(factory, UniqueName("Caf"));
        using var agent = await AgentAsync();

        var saved = await agent.SubmitAsync($"/gestion/familles/{family.FamilyId}", new Dictionary<string, string>
        {
            ["Resources.Quotient"] = "610",
        }, Form("Resources"));

        var page = await agent.FollowAsync(saved);
        Assert.Equal("610", Detail(page, "Quotient familial"));
        Assert.Equal("Donné par la CAF / MSA", Detail(page, "Origine du quotient"));
        Assert.Equal("non renseignés", Detail(page, "Les derniers revenus"));
    }

    [Fact]
    public async Task Resources_BadInput_IsRefusedOnItsField_AndNothingIsSaved()
    {
        var family = await TestData.CreateFamilyAsync(factory, UniqueName("Faux"));
        using var agent = await AgentAsync();
        var file = await agent.GetAsync($"/gestion/familles/{family.FamilyId}");

        var unreadable = await agent.SubmitAsync(file, new Dictionary<string, string>
        {
            ["Resources.MonthlyResources"] = "mille euros",
            ["Resources.Parts"] = "deux",
            ["Resources.UpdatedOn"] = "31/02/2026",
        }, Form("Resources"));
        var refusedByTheRules = await agent.SubmitAsync(file, new Dictionary<string, string>
        {
            ["Resources.MonthlyResources"] = "1083,333",
            ["Resources.Parts"] = "2,25",
        }, Form("Resources"));
        var nothing = await agent.SubmitAsync(file, new Dictionary<string, string>
        {
            ["Resources.MonthlyResources"] = "",
            ["Resources.Parts"] = "",
            ["Resources.Quotient"] = "",
        }, Form("Resources"));

        Assert.Equal(HttpStatusCode.OK, unreadable.Status);
        Assert.Equal("Saisissez les revenus mensuels en euros, par exemple 1083,33.", unreadable.Document.QuerySelector("[data-valmsg-for='Resources.MonthlyResources']")!.TextContent);
        Assert.Equal("Saisissez le nombre de parts, par exemple 2 ou 2,5.", unreadable.Document.QuerySelector("[data-valmsg-for='Resources.Parts']")!.TextContent);
        Assert.StartsWith("Saisissez la date de mise à jour au format jj/mm/aaaa", unreadable.Document.QuerySelector("[data-valmsg-for='Resources.UpdatedOn']")!.TextContent);
        Assert.Equal("mille euros", ((IHtmlInputElement)unreadable.Document.QuerySelector("#Resources_MonthlyResources")!).Value);
        Assert.Equal("Les revenus mensuels s'écrivent avec au plus 2 décimales.", refusedByTheRules.Document.QuerySelector("[data-valmsg-for='Resources.MonthlyResources']")!.TextContent);
        Assert.Equal("Le nombre de parts est compris entre 1 et 20, par demi-part (par exemple 2,5).", refusedByTheRules.Document.QuerySelector("[data-valmsg-for='Resources.Parts']")!.TextContent);
        Assert.Contains("Saisissez soit le quotient familial donné par la CAF ou la MSA, soit les revenus mensuels et le nombre de parts.", nothing.Errors);
        Assert.Null(await factory.WithDbAsync(db => db.Families.AsNoTracking().Where(f => f.Id == family.FamilyId).Select(f => f.Resources).SingleAsync()));
    }

    [Fact]
    public async Task ChangeEmail_IsConfirmedFromTheNewAddress_ThenTheNewEmailSignsIn_AndTheOldOneNoLonger()
    {
        var family = await TestData.CreateFamilyAsync(factory, UniqueName("Courriel"));
        var newEmail = TestData.UniqueEmail("nouvelle");
        using var agent = await AgentAsync();

        var asked = await agent.SubmitAsync($"/gestion/familles/{family.FamilyId}", new Dictionary<string, string>
        {
            ["EmailChange.NewEmail"] = newEmail.ToUpperInvariant(),
        }, Form("ChangeEmail"));

        Assert.Equal($"/gestion/familles/{family.FamilyId}", asked.Location);
        var confirmation = await factory.Smtp.WaitForMessageAsync(newEmail);
        Assert.Equal("Confirmez votre nouvelle adresse email" + Commune, confirmation.Subject);
        Assert.Contains("valable 1 heure", confirmation.TextBody);
        var warning = await factory.Smtp.WaitForMessageAsync(family.Email);
        Assert.Equal("Demande de changement de votre adresse email" + Commune, warning.Subject);
        Assert.Contains(newEmail, warning.TextBody);
        // Nothing changes before the new address confirms.
        Assert.Equal(family.Email, await factory.WithDbAsync(db => db.Guardians.Where(g => g.FamilyId == family.FamilyId).Select(g => g.Email).SingleAsync()));
        using (var before = factory.NewClient())
        {
            Assert.Equal("/famille", (await before.SignInFamilyAsync(family.Email, family.Password)).Location);
        }

        var link = confirmation.PortalLink();
        Assert.StartsWith("/confirmer-email?", link);
        using var browser = factory.NewClient();
        var opened = await browser.GetAsync(link);
        Assert.Contains(newEmail, opened.Text);
        var confirmed = await browser.SubmitAsync(opened, new Dictionary<string, string>());

        Assert.Equal(HttpStatusCode.OK, confirmed.Status);
        Assert.Contains(ConfirmEmailModel.DoneMessage, confirmed.Text);
        var done = await factory.Smtp.WaitForMessageAsync(family.Email, m => m.Subject?.StartsWith("Votre adresse email a été modifiée", StringComparison.Ordinal) == true);
        Assert.Contains(newEmail, done.TextBody);
        Assert.Equal(newEmail, await factory.WithDbAsync(db => db.Guardians.Where(g => g.FamilyId == family.FamilyId).Select(g => g.Email).SingleAsync()));
        var account = await factory.WithDbAsync(db => db.Users.SingleAsync(u => u.Id == family.UserId));
        Assert.Equal(newEmail, account.Email);
        Assert.Equal(newEmail, account.UserName);

        using (var client = factory.NewClient())
        {
            Assert.Equal("/famille", (await client.SignInFamilyAsync(newEmail, family.Password)).Location);
        }

        using (var client = factory.NewClient())
        {
            Assert.Contains(SignInService.FailedMessage, (await client.SignInFamilyAsync(family.Email, family.Password)).Errors);
        }

        // The link served once.
        Assert.Contains("Ce lien de confirmation n'est plus valable", (await browser.GetAsync(link)).Text);
        var file = await agent.GetAsync($"/gestion/familles/{family.FamilyId}");
        var history = file.Document.QuerySelectorAll("#titre-historique + div tbody td").Select(td => td.TextContent).ToList();
        Assert.Contains(history, t => t.StartsWith("Adresse email de ", StringComparison.Ordinal) && t.Contains($"{family.Email} → {newEmail}", StringComparison.Ordinal));
        Assert.Contains(history, t => t.StartsWith("Changement d'adresse email demandé", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ChangeEmail_ToAnAddressInUse_OrNotAnAddress_IsRefused_AndNothingIsSent()
    {
        var family = await TestData.CreateFamilyAsync(factory, UniqueName("Pris"));
        using var agent = await AgentAsync();
        var mark = await factory.OutboxMarkAsync();

        var used = await agent.SubmitAsync($"/gestion/familles/{family.FamilyId}", new Dictionary<string, string> { ["EmailChange.NewEmail"] = Demo.AgentEmail }, Form("ChangeEmail"));
        var invalid = await agent.SubmitAsync($"/gestion/familles/{family.FamilyId}", new Dictionary<string, string> { ["EmailChange.NewEmail"] = "pas-un-email" }, Form("ChangeEmail"));
        var same = await agent.SubmitAsync($"/gestion/familles/{family.FamilyId}", new Dictionary<string, string> { ["EmailChange.NewEmail"] = family.Email }, Form("ChangeEmail"));

        Assert.Contains("Cette adresse email est déjà utilisée par un autre compte du portail.", used.Errors);
        Assert.Equal(Demo.AgentEmail, ((IHtmlInputElement)used.Document.QuerySelector("#EmailChange_NewEmail")!).Value);
        Assert.Contains("Saisissez la nouvelle adresse email, par exemple nom@exemple.fr.", invalid.Errors);
        Assert.Contains(same.Errors, e => e.Contains("est déjà l'adresse de", StringComparison.Ordinal));
        Assert.Empty(await factory.QueuedMailsToAsync(family.Email));
        Assert.Empty(await factory.QueuedMailsToAsync(Demo.AgentEmail, after: mark));
    }

    [Fact]
    public async Task ConfirmEmail_WithATamperedLink_ChangesNothing()
    {
        var family = await TestData.CreateFamilyAsync(factory, UniqueName("Falsifie"));
        var newEmail = TestData.UniqueEmail("nouvelle");
        using var agent = await AgentAsync();
        await agent.SubmitAsync($"/gestion/familles/{family.FamilyId}", new Dictionary<string, string> { ["EmailChange.NewEmail"] = newEmail }, Form("ChangeEmail"));
        var link = (await factory.Smtp.WaitForMessageAsync(newEmail)).PortalLink();
        var other = TestData.UniqueEmail("pirate");
        var query = QueryHelpers.ParseQuery(new Uri("http://localhost" + link).Query);
        Assert.Equal(newEmail, query["email"].ToString());
        var tampered = QueryHelpers.AddQueryString("/confirmer-email", new Dictionary<string, string?>
        {
            ["utilisateur"] = query["utilisateur"].ToString(),
            ["email"] = other,
            ["jeton"] = query["jeton"].ToString(),
        });

        using var browser = factory.NewClient();
        var page = await browser.GetAsync(tampered);
        // Posting the tampered address anyway, with a valid antiforgery token, changes nothing either.
        var home = await browser.GetAsync("/");
        var antiforgery = home.Document.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var posted = await browser.PostAsync("/confirmer-email",
        [
            new("__RequestVerificationToken", antiforgery),
            new("utilisateur", query["utilisateur"].ToString()),
            new("email", other),
            new("jeton", query["jeton"].ToString()),
        ]);

        Assert.Contains("Ce lien de confirmation n'est plus valable", page.Text);
        Assert.Null(page.Document.QuerySelector("main form"));
        Assert.Contains("Ce lien de confirmation n'est plus valable", posted.Text);
        Assert.Equal(family.Email, await factory.WithDbAsync(db => db.Users.Where(u => u.Id == family.UserId).Select(u => u.Email).SingleAsync()));
        Assert.Empty(await factory.QueuedMailsToAsync(other));
    }
}
