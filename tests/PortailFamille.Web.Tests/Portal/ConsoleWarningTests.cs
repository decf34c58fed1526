using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using PortailFamille.Web.Tests.Infrastructure;

namespace PortailFamille.Web.Tests.Portal;

/// <summary>
/// The console of a running portal stays quiet: starting it on a new database and opening the
/// family's and the agents' pages logs no warning. The one about data-protection keys stored
/// unencrypted is left aside: how keys are protected at rest is the deployment's setting.
/// </summary>
public sealed class ConsoleWarningTests
{
    [Fact]
    public async Task A_first_start_and_the_main_pages_log_no_warning()
    {
        await using var factory = new WatchedFactory();
        await ((IAsyncLifetime)factory).InitializeAsync();
        try
        {
            using var family = factory.NewClient();
            await family.SignInFamilyAsync(Demo.FamilyEmail, Demo.FamilyPassword);
            var registrations = await factory.WithDbAsync(db => db.Registrations.Select(r => new { r.Id, r.ChildId, r.Status }).ToListAsync());
            var urls = new List<string> { "/famille", "/famille/coordonnees", "/famille/inscriptions" };
            urls.AddRange(registrations.Select(r => $"/famille/inscriptions?enfant={r.ChildId}").Distinct());
            urls.AddRange(registrations.Where(r => r.Status == Domain.Registrations.RegistrationStatus.Validated).Select(r => $"/famille/reservations/{r.Id}"));
            foreach (var url in urls)
            {
                Assert.Equal(System.Net.HttpStatusCode.OK, (await family.GetAsync(url)).Status);
            }

            using var admin = factory.NewClient();
            await admin.SignInStaffAsync(Demo.AdminEmail, Demo.AdminPassword);
            var familyId = await factory.WithDbAsync(db => db.Families.OrderBy(f => f.Id).Select(f => f.Id).FirstAsync());
            var activityId = await factory.WithDbAsync(db => db.Activities.OrderBy(a => a.Id).Select(a => a.Id).FirstAsync());
            foreach (var url in new[]
            {
                "/gestion", "/gestion/familles", $"/gestion/familles/{familyId}", "/gestion/inscriptions", "/gestion/reservations",
                "/gestion/reservations/transferts", "/gestion/catalogue", $"/gestion/catalogue/activites/{activityId}", "/gestion/personnel",
            })
            {
                Assert.Equal(System.Net.HttpStatusCode.OK, (await admin.GetAsync(url)).Status);
            }

            // On PostgreSQL, EF Core's migrator first tries the database that does not exist yet,
            // logs that failed connection, then creates it: left aside here (a first start on
            // SQLite, the default, has no such line).
            var warnings = factory.Warnings
                .Where(w => !w.StartsWith("Microsoft.AspNetCore.DataProtection", StringComparison.Ordinal))
                .Where(w => !(PortalFactory.OnPostgres && w.StartsWith("Microsoft.EntityFrameworkCore.Database.Connection [20004]", StringComparison.Ordinal)))
                .ToList();
            Assert.True(warnings.Count == 0, string.Join(Environment.NewLine, warnings));
        }
        finally
        {
            await ((IAsyncLifetime)factory).DisposeAsync();
        }
    }

    private sealed class WatchedFactory : PortalFactory
    {
        public ConcurrentQueue<string> Warnings { get; } = new();

        protected override IDictionary<string, string?> ExtraSettings => new Dictionary<string, string?>
        {
            // As a first start in Development: the demo's own reservations too.
            ["Demo:Reservations"] = "true",
        };

        protected override void ConfigureTestServices(IServiceCollection services) =>
            services.AddSingleton<ILoggerProvider>(new WarningCollector(Warnings));
    }

    private sealed class WarningCollector(ConcurrentQueue<string> warnings) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new Collector(categoryName, warnings);

        public void Dispose()
        {
        }

        private sealed class Collector(string category, ConcurrentQueue<string> warnings) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                if (IsEnabled(logLevel))
                {
                    warnings.Enqueue($"{category} [{eventId.Id}] {logLevel}: {formatter(state, exception)}");
                }
            }
        }
    }
}
