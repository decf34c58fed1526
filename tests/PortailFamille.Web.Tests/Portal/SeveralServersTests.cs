using System.Globalization;
using System.Net;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PortailFamille.Domain.Reservations;
using PortailFamille.Web.Features.Reservations;
using PortailFamille.Web.Infrastructure.Mail;
using PortailFamille.Web.Infrastructure.Scheduling;
using PortailFamille.Web.Infrastructure.Time;
using PortailFamille.Web.Tests.Infrastructure;
using static PortailFamille.Web.Tests.Reservations.GestionTestData;

namespace PortailFamille.Web.Tests.Portal;

/// <summary>
/// Two web servers of one portal, as behind a load balancer: two hosts on one database (the
/// suite's PostgreSQL, or one SQLite file), one mail server. They behave as one: a session and
/// a form's token are good on either, each email leaves once, a night's transfer runs once,
/// and a server that was stopped at the transfer's time runs it when it starts.
/// </summary>
public sealed class SeveralServersTests
{
    /// <summary>Another web server of the portal <paramref name="first"/> serves, with settings of its own.</summary>
    private sealed class SecondServer(PortalFactory first, IDictionary<string, string?>? settings = null) : PortalFactory(first)
    {
        protected override IDictionary<string, string?> ExtraSettings => settings ?? new Dictionary<string, string?>();
    }

    /// <summary>A portal on a new database of its own, removed with its database once the test is done.</summary>
    private static async Task OnNewPortalAsync(Func<PortalFactory, Task> test)
    {
        var first = new PortalFactory();
        try
        {
            await first.InitializeAsync();
            await test(first);
        }
        finally
        {
            await ((IAsyncLifetime)first).DisposeAsync();
        }
    }

    private static async Task<SecondServer> StartSecondAsync(PortalFactory first, IDictionary<string, string?>? settings = null)
    {
        var second = new SecondServer(first, settings);
        await second.InitializeAsync();
        return second;
    }

    [Fact]
    public async Task A_family_signed_in_on_one_server_is_signed_in_on_the_other_and_its_sign_out_ends_it_on_both()
    {
        await OnNewPortalAsync(async first =>
        {
            await using var second = await StartSecondAsync(first);
            var account = await TestData.CreateFamilyAsync(first, "Serveurs");
            // One browser: its cookies go to whichever server the load balancer picks.
            var cookies = new CookieContainer();
            using var onFirst = new PortalClient(first.CreateDefaultClient(new Uri("http://localhost"), new CookieContainerHandler(cookies)));
            using var onSecond = new PortalClient(second.CreateDefaultClient(new Uri("http://localhost"), new CookieContainerHandler(cookies)));

            var signedIn = await onFirst.SignInFamilyAsync(account.Email, account.Password);
            Assert.Equal("/famille", signedIn.Location);
            var space = await onSecond.GetAsync("/famille");

            Assert.Equal(HttpStatusCode.OK, space.Status);
            Assert.Contains("Famille : SERVEURS", space.Text, StringComparison.OrdinalIgnoreCase);

            // The sign-out form of a page served by the second, posted to the first: its
            // antiforgery token is good there, and the session ends on both.
            var signedOut = await onFirst.SubmitAsync(space, new Dictionary<string, string>(), "form[action='/deconnexion']");

            Assert.Equal(HttpStatusCode.Redirect, signedOut.Status);
            Assert.Equal(HttpStatusCode.Redirect, (await onSecond.GetAsync("/famille")).Status);
            Assert.Equal(HttpStatusCode.Redirect, (await onFirst.GetAsync("/famille")).Status);
        });
    }

    [Fact]
    public async Task Two_hundred_mails_queued_are_each_sent_once_by_the_dispatchers_of_two_servers()
    {
        await OnNewPortalAsync(async first =>
        {
            await using var second = await StartSecondAsync(first);
            var tag = Guid.NewGuid().ToString("N")[..8];
            var subjects = Enumerable.Range(1, 200).Select(i => string.Create(CultureInfo.InvariantCulture, $"Message {i} de {tag}")).ToList();
            var now = first.Clock.UtcNow;
            await first.WithDbAsync(db =>
            {
                db.OutboxMails.AddRange(subjects.Select(subject => new OutboxMail
                {
                    To = TestData.UniqueEmail("serveurs"),
                    Subject = subject,
                    TextBody = subject,
                    HtmlBody = $"<p>{subject}</p>",
                    CreatedAt = now,
                    NextAttemptAt = now,
                }));
                return db.SaveChangesAsync();
            });

            // Both dispatchers wake at the same instant and find the same 200 messages waiting.
            first.Services.GetRequiredService<MailSignal>().WakeUp();
            second.Services.GetRequiredService<MailSignal>().WakeUp();
            var deadline = DateTime.UtcNow.AddSeconds(60);
            while (await first.WithDbAsync(db => db.OutboxMails.CountAsync(m => m.Subject.EndsWith(tag) && m.SentAt == null)) > 0)
            {
                Assert.True(DateTime.UtcNow < deadline, "The 200 messages were not all sent within 60 s.");
                await Task.Delay(100);
            }

            // Both servers stop (a send in progress ends first): nothing more can leave, and the
            // mail server holds all that was ever sent.
            await second.DisposeAsync();
            await first.DisposeAsync();
            var received = first.Smtp.Received.Where(m => m.Subject?.EndsWith(tag, StringComparison.Ordinal) == true).GroupBy(m => m.Subject).ToList();

            Assert.Equal(200, received.Count);
            Assert.All(received, sent => Assert.Single(sent));
        });
    }

    [Fact]
    public async Task A_transfer_fired_on_both_servers_at_the_same_moment_runs_once()
    {
        await OnNewPortalAsync(async first =>
        {
            await using var second = await StartSecondAsync(first);
            var matin = await UnitAsync(first, Wednesday, "Matin");
            var asking = await EnrolAsync(first, Wednesday);
            var day = (await OpenDaysAsync(first, asking.RegistrationId, 1))[0];
            await RequestAsync(first, asking, matin, day);
            var night = first.Clock.Today;
            var go = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

            async Task<TransferRun?> FireAsync(PortalFactory server)
            {
                using var scope = server.Services.CreateScope();
                var transfer = scope.ServiceProvider.GetRequiredService<NightlyTransfer>();
                await go.Task;
                return await transfer.RunAsync(TransferRun.Scheduler, night, CancellationToken.None);
            }

            var firing = new[] { Task.Run(() => FireAsync(first)), Task.Run(() => FireAsync(second)) };
            go.SetResult();
            var runs = await Task.WhenAll(firing);

            var run = Assert.Single(runs, r => r is not null)!;
            Assert.Equal(1, run.RequestsSent);
            Assert.Equal(1, await first.WithDbAsync(db => db.TransferRuns.CountAsync(r => r.Night == night)));
            var cell = (await CellAsync(first, asking, matin, day))!;
            Assert.Equal(ReservationState.RequestSent, cell.State);
            Assert.Single(cell.History, h => h.Action == ReservationAction.Send);
        });
    }

    [Fact]
    public async Task A_server_stopped_over_the_transfers_time_runs_that_nights_transfer_when_it_starts()
    {
        await OnNewPortalAsync(async first =>
        {
            var matin = await UnitAsync(first, Wednesday, "Matin");
            var asking = await EnrolAsync(first, Wednesday);
            var day = (await OpenDaysAsync(first, asking.RegistrationId, 1))[0];
            await RequestAsync(first, asking, matin, day);
            // The schedule fired two minutes ago, daily, while the only server running had it off
            // (as if stopped): no run holds that night. The next firing is a day away.
            var missed = ParisClock.ToParis(first.Clock.UtcNow.AddMinutes(-2));
            var cron = string.Create(CultureInfo.InvariantCulture, $"0 {missed.Minute} {missed.Hour} * * ?");
            var night = DateOnly.FromDateTime(missed.DateTime);
            Assert.Equal(0, await first.WithDbAsync(db => db.TransferRuns.CountAsync(r => r.Night == night)));

            await using var starting = await StartSecondAsync(first, new Dictionary<string, string?> { ["Transfer:Cron"] = cron });

            var deadline = DateTime.UtcNow.AddSeconds(60);
            TransferRun? run;
            while ((run = await first.WithDbAsync(db => db.TransferRuns.AsNoTracking().SingleOrDefaultAsync(r => r.Night == night && r.FinishedAt != null))) is null)
            {
                Assert.True(DateTime.UtcNow < deadline, "The missed night's transfer did not run within 60 s of the start.");
                await Task.Delay(100);
            }

            Assert.Equal(TransferRun.Scheduler, run.StartedBy);
            Assert.Equal(1, run.RequestsSent);
            Assert.Equal(ReservationState.RequestSent, await StateAsync(first, asking, matin, day));
        });
    }

    [Fact]
    public async Task A_recurring_jobs_round_is_done_by_one_server_and_its_lease_once_lapsed_goes_to_the_next()
    {
        await OnNewPortalAsync(async first =>
        {
            await using var second = await StartSecondAsync(first);
            var job = "essai-" + Guid.NewGuid().ToString("N")[..8];
            var go = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

            async Task<bool> AskAsync(PortalFactory server, TimeSpan round)
            {
                using var scope = server.Services.CreateScope();
                var lease = scope.ServiceProvider.GetRequiredService<JobLease>();
                await go.Task;
                return await lease.TryTakeAsync(job, round, CancellationToken.None);
            }

            // Ten rounds fired at once on each server, on a job that has no row yet.
            var asking = Enumerable.Range(0, 20).Select(i => Task.Run(() => AskAsync(i % 2 == 0 ? first : second, TimeSpan.FromMinutes(1)))).ToList();
            go.SetResult();
            var taken = await Task.WhenAll(asking);

            Assert.Single(taken, t => t);
            Assert.False(await AskAsync(second, TimeSpan.FromMinutes(1)));
            // A lease that has lapsed (a round of no length here) goes to the next server asking.
            await first.WithDbAsync(db => db.Set<JobLeaseRow>().Where(l => l.Job == job)
                .ExecuteUpdateAsync(u => u.SetProperty(l => l.Until, first.Clock.UtcNow.AddSeconds(-1))));
            Assert.True(await AskAsync(second, TimeSpan.FromMinutes(1)));
            Assert.False(await AskAsync(first, TimeSpan.FromMinutes(1)));
        });
    }
}
