using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using PortailFamille.Web.Features.Payments;
using PortailFamille.Web.Tests.Billing;
using PortailFamille.Web.Tests.Infrastructure;
using Xunit.Abstractions;

namespace PortailFamille.Web.Tests.Portal;

/// <summary>The demo with its reservations, as a family and the agents find it; the portal's errors are kept to be shown.</summary>
public sealed class DemoWithReservationsFactory : PortalFactory
{
    public ErrorLog Log { get; } = new();

    protected override IDictionary<string, string?> ExtraSettings => new Dictionary<string, string?> { ["Demo:Reservations"] = "true" };

    protected override void ConfigureTestServices(IServiceCollection services) => services.AddSingleton<ILoggerProvider>(Log);
}

/// <summary>The exceptions the portal logged, one line each.</summary>
public sealed class ErrorLog : ILoggerProvider, ILogger
{
    public System.Collections.Concurrent.ConcurrentQueue<string> Lines { get; } = new();

    public ILogger CreateLogger(string categoryName) => this;

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Error;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (exception is not null)
        {
            Lines.Enqueue($"{exception.GetType().Name}: {exception.Message.Split('\n')[0]} {exception.StackTrace?.Split('\n').FirstOrDefault(l => l.Contains("PortailFamille", StringComparison.Ordinal))?.Trim()}");
        }
    }

    public void Dispose()
    {
    }
}

/// <summary>
/// No input gets a server error. The forms and addresses are not listed here: they are found by
/// walking the portal as an anonymous visitor, the demo family, an agent and an administrator,
/// and every form found is posted with each shape of bad input (null list items, an unknown
/// handler, NUL bytes and control characters, dates in year 1 or 9999, malformed dates, oversized
/// text, emoji, negative and huge numbers, missing fields), every address with bad query values.
/// The portal must answer with a 4xx or a page (with its French message), never a 5xx.
/// </summary>
public sealed class BadInputTests(DemoWithReservationsFactory factory, ITestOutputHelper output) : IClassFixture<DemoWithReservationsFactory>
{
    [Fact]
    public async Task EveryFormAndAddress_AnswersBadInputWithoutServerError()
    {
        var watch = Stopwatch.StartNew();
        var today = factory.Clock.Today;
        // An invoice with something due, so that "Payer cette facture" and the test provider's page are walked too.
        var demoFamily = await factory.WithDbAsync(db => db.Users.Where(u => u.Email == Demo.FamilyEmail).Select(u => u.FamilyId).SingleAsync());
        await BillingTestData.CreateInvoiceAsync(factory, demoFamily!.Value, "DEMO Famille", today.AddMonths(-1),
            new TestLine("Enfant DEMO", "Restaurant scolaire", "Repas", Domain.Billing.BillingKind.Reserved, 2, 3.5m));
        var paying = await BillingTestData.CreateInvoiceAsync(factory, demoFamily.Value, "DEMO Famille", today.AddMonths(-2),
            new TestLine("Enfant DEMO", "Restaurant scolaire", "Repas", Domain.Billing.BillingKind.Reserved, 1, 3.5m));
        StartedPayment started;
        using (var scope = factory.Services.CreateScope())
        {
            started = (await scope.ServiceProvider.GetRequiredService<OnlinePayments>().StartAsync(demoFamily.Value, paying.Id, Demo.FamilyEmail, "DEMO", CancellationToken.None)).Value;
        }

        var errors = new List<ServerError>();
        var requests = 0;
        var forms = 0;
        var roles = new (string Role, Func<PortalClient, Task>? SignIn, string[] Starts)[]
        {
            ("anonyme", null, ["/", "/inscription", "/mot-de-passe-oublie", "/gestion/connexion", new Uri(started.PaymentPage.PathAndQuery, UriKind.Relative).ToString()]),
            ("famille", c => c.SignInFamilyAsync(Demo.FamilyEmail, Demo.FamilyPassword), ["/famille"]),
            ("agent", c => c.SignInStaffAsync(Demo.AgentEmail, Demo.AgentPassword), ["/gestion"]),
            ("administrateur", c => c.SignInStaffAsync(Demo.AdminEmail, Demo.AdminPassword), ["/gestion", "/gestion/catalogue"]),
        };

        foreach (var (role, signIn, starts) in roles)
        {
            using var client = factory.NewClient();
            if (signIn is not null)
            {
                await signIn(client);
            }

            var crawler = new PortalCrawler(client, role);
            await crawler.CrawlAsync(starts);
            Assert.NotEmpty(crawler.Forms);

            // Forms met on the way (the next step of a form) join the list while it is walked.
            for (var i = 0; i < crawler.Forms.Count; i++)
            {
                var form = crawler.Forms[i];
                foreach (var (shape, action, fields) in BadInput.Shapes(form, today))
                {
                    await crawler.PostAsync(action, fields, shape);
                }

                var ordinary = await crawler.PostAsync(form.Action, BadInput.Baseline(form, today), "valeurs ordinaires");
                if (ordinary is not null && form.Depth < 5)
                {
                    await crawler.TakeAsync(ordinary, form.Depth + 1);
                }
            }

            await CheckAddressesAsync(crawler);
            forms += crawler.Forms.Count;
            requests += crawler.Requests;
            errors.AddRange(crawler.Errors);
            output.WriteLine($"{role} : {crawler.Pages.Count} pages, {crawler.Forms.Count} formulaires, {crawler.Requests} requêtes.");

        }

        // What the others saved (an odd period, a long note) is shown on their pages: walked again.
        foreach (var (role, signIn, starts) in roles.Skip(1))
        {
            using var client = factory.NewClient();
            await signIn!(client);
            var crawler = new PortalCrawler(client, role + " (relecture)");
            await crawler.CrawlAsync(starts);
            requests += crawler.Requests;
            errors.AddRange(crawler.Errors);
        }

        output.WriteLine($"{forms} formulaires, {requests} requêtes en {watch.Elapsed.TotalSeconds:0} s.");
        foreach (var line in factory.Log.Lines.Distinct())
        {
            output.WriteLine(line);
        }

        Assert.True(forms > 30, $"Only {forms} forms were found.");
        Assert.True(errors.Count == 0, $"{errors.Count} server errors:{Environment.NewLine}{BadInput.Describe(errors.DistinctBy(e => e.Method + PortalCrawler.Pattern(e.Url) + e.Shape))}");
    }

    /// <summary>Each address visited: bad query values, an unknown id, and a POST that no handler takes.</summary>
    private static async Task CheckAddressesAsync(PortalCrawler crawler)
    {
        foreach (var url in crawler.Pages.DistinctBy(p => PortalCrawler.Pattern(p).Split('?')[0]).ToList())
        {
            var path = PortalCrawler.Pattern(url).Split('?')[0];
            var names = PortalCrawler.Query(url).Select(p => p.Key)
                .Concat(crawler.QueryNames.GetValueOrDefault(path) ?? [])
                .Append("page")
                .Distinct(StringComparer.OrdinalIgnoreCase);
            foreach (var name in names)
            {
                foreach (var value in BadInput.QueryValues)
                {
                    var query = PortalCrawler.Query(url).Where(p => !p.Key.Equals(name, StringComparison.OrdinalIgnoreCase)).Append(new(name, value));
                    await crawler.GetAsync(PortalCrawler.WithQuery(url, query), $"{name}={Shorten(value)}");
                }
            }

            if (path.Contains("{id}", StringComparison.Ordinal))
            {
                var other = System.Text.RegularExpressions.Regex.Replace(url, "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}", Guid.NewGuid().ToString());
                await crawler.GetAsync(other, "identifiant inconnu");
            }

            if (crawler.AnyToken is { } token)
            {
                await crawler.PostAsync(url, [new(PortalCrawler.TokenName, token)], "POST sans gestionnaire");
            }
        }
    }

    private static string Shorten(string value) =>
        value.Length > 12 ? $"{value[..6]}…({value.Length})" : value.Replace("\0", "\\0", StringComparison.Ordinal).Replace("\u0001", "\\x01", StringComparison.Ordinal);
}
