using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PortailFamille.Web.Features.Accounts;
using PortailFamille.Web.Tests.Infrastructure;

namespace PortailFamille.Web.Tests.Gestion;

/// <summary>
/// "Il doit rester au moins un administrateur actif", when the last two active
/// administrators remove each other at the same instant (each disabling or demoting the
/// other): one of them wins, the other is refused, and one active administrator remains.
/// On a database of its own, whose demo administrator is disabled first.
/// </summary>
public sealed class LastAdministratorConcurrencyTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private const string Disable = "form[action*='handler=Disable']";
    private const string Role = "form[action*='handler=Role']";

    [Theory]
    [InlineData(Disable)]
    [InlineData(Role)]
    public async Task The_last_two_administrators_removing_each_other_at_once_leave_one(string form)
    {
        // A few rounds, each started by a barrier: a check made before the act would let both through.
        for (var round = 0; round < 4; round++)
        {
            var (first, second) = (await TheOnlyTwoAdministratorsAsync(), await SecondAdministratorAsync());
            using var a = factory.NewClient();
            using var b = factory.NewClient();
            await a.SignInStaffAsync(first.Email, first.Password);
            await b.SignInStaffAsync(second.Email, second.Password);
            var pageA = await a.GetAsync($"/gestion/personnel/{second.UserId}");
            var pageB = await b.GetAsync($"/gestion/personnel/{first.UserId}");
            var values = form == Role ? new Dictionary<string, string> { ["Role"] = "Agent" } : new Dictionary<string, string>();

            var go = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var posts = new[] { (Client: a, Page: pageA), (Client: b, Page: pageB) }
                .Select(p => Task.Run(async () =>
                {
                    await go.Task;
                    return await p.Client.SubmitAsync(p.Page, values, form);
                }))
                .ToList();
            go.SetResult();
            var answers = await Task.WhenAll(posts);

            Assert.Equal(1, await ActiveAdministratorsAsync());
            // One wins; the other is refused, or, when the winner's change came first, its own
            // session has just been ended with its account and it is sent back to sign in.
            Assert.Single(answers, answer => answer.Location == "/gestion/personnel");
            Assert.Single(answers, answer =>
                answer.Errors.Any(e => e.StartsWith("Il doit rester au moins un administrateur actif", StringComparison.Ordinal))
                || (answer.Location?.StartsWith("/gestion/connexion", StringComparison.Ordinal) ?? false));
        }
    }

    // The demo administrator disabled, and one new active administrator; the second comes next.
    private async Task<TestAccount> TheOnlyTwoAdministratorsAsync()
    {
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<Web.Data.AppDbContext>();
        var admins = await (from u in db.Users
                            join ur in db.UserRoles on u.Id equals ur.UserId
                            join r in db.Roles on ur.RoleId equals r.Id
                            where r.Name == Roles.Administrator
                            select u).ToListAsync();
        foreach (var admin in admins)
        {
            admin.IsDisabled = true;
        }

        await db.SaveChangesAsync();
        return await TestData.CreateStaffAsync(factory, Roles.Administrator);
    }

    private Task<TestAccount> SecondAdministratorAsync() => TestData.CreateStaffAsync(factory, Roles.Administrator);

    private Task<int> ActiveAdministratorsAsync() =>
        factory.WithDbAsync(db => (from u in db.Users
                                   join ur in db.UserRoles on u.Id equals ur.UserId
                                   join r in db.Roles on ur.RoleId equals r.Id
                                   where r.Name == Roles.Administrator && !u.IsDisabled
                                   select u).CountAsync());
}
