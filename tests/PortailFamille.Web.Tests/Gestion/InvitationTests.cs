using System.Net;
using Microsoft.EntityFrameworkCore;
using PortailFamille.Web.Tests.Infrastructure;

namespace PortailFamille.Web.Tests.Gestion;

public sealed class InvitationTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private static Dictionary<string, string> Family(string lastName, string firstName, string email) => new()
    {
        ["Input.LastName"] = lastName,
        ["Input.FirstName"] = firstName,
        ["Input.Email"] = email,
    };

    private static Dictionary<string, string> NewPassword(string password) => new()
    {
        ["NewPassword.Password"] = password,
        ["NewPassword.Confirmation"] = password,
    };

    [Fact]
    public async Task AgentCreatesAKnownFamily_TheFamilyChoosesItsPasswordFromTheEmail_AndSignsIn()
    {
        using var agent = factory.NewClient();
        await agent.SignInStaffAsync(Demo.AgentEmail, Demo.AgentPassword);
        var email = TestData.UniqueEmail();

        var created = await agent.SubmitAsync("/gestion/familles/nouvelle", Family("Lefèvre", "Jeanne", email.ToUpperInvariant()));

        Assert.Equal("/gestion/familles", created.Location);
        var list = await agent.FollowAsync(created);
        Assert.Contains("La famille LEFÈVRE Jeanne est créée", list.Text);
        Assert.Contains(email, list.Text);

        var mail = await factory.Smtp.WaitForMessageAsync(email);
        Assert.Equal("Votre accès au Portail Famille - Mairie de Beaulieu-les-Sagnes", mail.Subject);
        Assert.Contains("Choisissez votre mot de passe", mail.TextBody);
        // No password exists yet, so none can have been sent: the family chooses it.
        Assert.Null(await factory.WithDbAsync(db => db.Users.Where(u => u.Email == email).Select(u => u.PasswordHash).SingleAsync()));
        var link = mail.PortalLink();

        using var family = factory.NewClient();
        var invitation = await family.GetAsync(link);
        Assert.Contains(email, invitation.Text);
        var chosen = await family.SubmitAsync(invitation, NewPassword("Famille-Lefevre-26!"));
        Assert.Equal("/", chosen.Location);

        var signedIn = await family.SignInFamilyAsync(email, "Famille-Lefevre-26!");
        Assert.Equal("/famille", signedIn.Location);
        Assert.Contains("Famille : LEFÈVRE Jeanne", (await family.GetAsync("/famille")).Text);

        // The link served once.
        var reused = await family.GetAsync(link);
        Assert.Contains("Ce lien d'invitation n'est plus valable", reused.Text);

        var history = await factory.WithDbAsync(db => db.AuditEntries.Where(e => e.Description.Contains(email)).ToListAsync());
        Assert.Contains(history, e => e.ActorName == "BENALI Karim");
    }

    [Fact]
    public async Task InvalidFields_AreRefusedInFrench_AndNothingIsSaved()
    {
        using var agent = factory.NewClient();
        await agent.SignInStaffAsync(Demo.AgentEmail, Demo.AgentPassword);
        var before = await factory.WithDbAsync(db => db.Families.CountAsync());

        var page = await agent.SubmitAsync("/gestion/familles/nouvelle", Family("D4rk", "", "pas-un-email"));

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Contains("Saisissez le prénom du responsable du foyer.", page.Errors);
        Assert.Contains("Saisissez le nom du responsable du foyer (lettres, espaces, tirets et apostrophes).", page.Errors);
        Assert.Contains("Saisissez une adresse email valide, par exemple nom@exemple.fr.", page.Errors);
        Assert.Equal("D4rk", ((AngleSharp.Html.Dom.IHtmlInputElement)page.Document.QuerySelector("#Input_LastName")!).Value);
        Assert.Equal(before, await factory.WithDbAsync(db => db.Families.CountAsync()));
    }

    [Fact]
    public async Task EmailAlreadyUsed_IsRefused()
    {
        using var agent = factory.NewClient();
        await agent.SignInStaffAsync(Demo.AgentEmail, Demo.AgentPassword);
        var before = await factory.WithDbAsync(db => db.Families.CountAsync());

        var page = await agent.SubmitAsync("/gestion/familles/nouvelle", Family("Martin", "Paul", Demo.FamilyEmail));

        Assert.Contains(page.Errors, e => e.StartsWith("Cette adresse email est déjà utilisée", StringComparison.Ordinal));
        Assert.Equal(before, await factory.WithDbAsync(db => db.Families.CountAsync()));
    }

    [Fact]
    public async Task ResendingTheInvitation_KillsThePreviousLink()
    {
        using var agent = factory.NewClient();
        await agent.SignInStaffAsync(Demo.AgentEmail, Demo.AgentPassword);
        var email = TestData.UniqueEmail();
        await agent.SubmitAsync("/gestion/familles/nouvelle", Family("Roux", "Marc", email));
        var firstLink = (await factory.Smtp.WaitForMessageAsync(email)).PortalLink();
        var familyId = await factory.WithDbAsync(db => db.Guardians.Where(g => g.Email == email).Select(g => g.FamilyId).SingleAsync());

        var list = await agent.GetAsync("/gestion/familles");
        var resent = await agent.SubmitAsync(list, new Dictionary<string, string> { ["familyId"] = familyId.ToString() }, "form[action*='handler=Resend']");

        Assert.Equal(HttpStatusCode.Redirect, resent.Status);
        var secondLink = (await factory.Smtp.WaitForMessageAsync(email, m => m.PortalLink() != firstLink)).PortalLink();
        using var family = factory.NewClient();
        Assert.Contains("n'est plus valable", (await family.GetAsync(firstLink)).Text);
        Assert.Contains("Choisir mon mot de passe", (await family.GetAsync(secondLink)).Text);
        Assert.Null((await family.GetAsync(secondLink)).Document.QuerySelector(".alert--error"));
    }

    [Fact]
    public async Task InvitationLink_ForAnotherAccount_IsRefused()
    {
        using var agent = factory.NewClient();
        await agent.SignInStaffAsync(Demo.AgentEmail, Demo.AgentPassword);
        var email = TestData.UniqueEmail();
        await agent.SubmitAsync("/gestion/familles/nouvelle", Family("Petit", "Lou", email));
        var link = (await factory.Smtp.WaitForMessageAsync(email)).PortalLink();
        var other = await TestData.CreateFamilyAsync(factory);
        var token = link[(link.IndexOf("jeton=", StringComparison.Ordinal) + 6)..];

        using var family = factory.NewClient();
        var page = await family.GetAsync($"/invitation?utilisateur={other.UserId}&jeton={token}");

        Assert.Contains("Ce lien d'invitation n'est plus valable", page.Text);
    }
}
