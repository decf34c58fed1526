using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Npgsql;
using PortailFamille.Web.Data;
using PortailFamille.Web.Features.Payments.TestProvider;
using PortailFamille.Web.Infrastructure.Mail;
using PortailFamille.Web.Infrastructure.Time;

namespace PortailFamille.Web.Tests.Infrastructure;

/// <summary>
/// The portal in a test host, on a database of its own: a new SQLite file, or a new PostgreSQL
/// database named pf_test_… when PORTAIL_TEST_DB=Postgres (the test script sets it and gives the
/// server in PORTAIL_TEST_POSTGRES, as the tests' own role portail_test, which it creates). Mail goes through SMTP to <see cref="Smtp"/>. The demo commune is
/// seeded, so the demo accounts exist.
/// </summary>
public class PortalFactory : WebApplicationFactory<Program>, IAsyncLifetime
{
    private readonly string _databaseName;
    private readonly string _folder;
    private readonly PortalFactory? _first;
    private readonly TestSmtpServer? _smtp;

    public PortalFactory()
    {
        _databaseName = "pf_test_" + Guid.NewGuid().ToString("N")[..16];
        _folder = Path.Combine(Path.GetTempPath(), "portail-famille-tests", Guid.NewGuid().ToString("N"));
        _smtp = new TestSmtpServer();
    }

    /// <summary>
    /// A second web server of <paramref name="first"/>'s portal, as behind a load balancer: the
    /// same database, the same folder (SQLite's file and data-protection keys, which two
    /// processes of one machine share) and the same mail server. Its stop leaves them to the first.
    /// </summary>
    protected PortalFactory(PortalFactory first)
    {
        ArgumentNullException.ThrowIfNull(first);
        _first = first;
        _databaseName = first._databaseName;
        _folder = first._folder;
    }

    public TestSmtpServer Smtp => _first?.Smtp ?? _smtp!;

    /// <summary>Where mail is written as .eml files when a test class turns SMTP off.</summary>
    public string MailFolder => Path.Combine(_folder, "mail");

    public static bool OnPostgres => string.Equals(Environment.GetEnvironmentVariable("PORTAIL_TEST_DB"), "Postgres", StringComparison.OrdinalIgnoreCase);

    /// <summary>Settings a test class wants to change (rate limits, for instance).</summary>
    protected virtual IDictionary<string, string?> ExtraSettings => new Dictionary<string, string?>();

    /// <summary>Replaces services after the portal's own registrations (the clock, for instance).</summary>
    protected virtual void ConfigureTestServices(IServiceCollection services)
    {
    }

    public string ConnectionString => OnPostgres
        ? new NpgsqlConnectionStringBuilder(Environment.GetEnvironmentVariable("PORTAIL_TEST_POSTGRES")
            ?? "Host=127.0.0.1;Username=portail_test;Password=portail_test")
        {
            Database = _databaseName,
            // Test classes run side by side, each with its own database and pool: a small pool
            // each keeps the whole run under the server's connection limit.
            MaxPoolSize = 20,
        }.ToString()
        : $"Data Source={Path.Combine(_folder, "portail.db")}";

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        Directory.CreateDirectory(_folder);
        builder.UseEnvironment("Testing");
        var settings = new Dictionary<string, string?>
        {
            ["Database:Provider"] = OnPostgres ? DatabaseSetup.Postgres : DatabaseSetup.Sqlite,
            ["ConnectionStrings:Default"] = ConnectionString,
            ["Demo:Seed"] = "true",
            // Tests arrange the calendars they need; the demo's own reservations would blur them.
            ["Demo:Reservations"] = "false",
            // No nightly transfer firing in the middle of a test that counts what a run sends;
            // the schedule's own test turns it back on.
            ["Transfer:Cron"] = "off",
            ["Portal:PublicUrl"] = "http://localhost",
            ["Mail:Smtp:Host"] = "127.0.0.1",
            ["Mail:Smtp:Port"] = Smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Mail:Smtp:Security"] = "None",
            ["Mail:PickupFolder"] = MailFolder,
            ["DataProtection:KeysFolder"] = Path.Combine(_folder, "keys"),
            ["RateLimiting:SignInPerMinute"] = "10000",
            ["RateLimiting:ForgotPasswordPerMinute"] = "10000",
            ["RateLimiting:SignUpPerMinute"] = "10000",
            ["RateLimiting:ChangePasswordPerMinute"] = "10000",
            ["Logging:LogLevel:Default"] = "Warning",
            // Online payment goes through the built-in PayFiP test provider.
            ["PayFip:TestProvider"] = "true",
        };
        foreach (var (key, value) in ExtraSettings)
        {
            settings[key] = value;
        }

        // UseSetting, not ConfigureAppConfiguration: Program reads the database and mail
        // settings while it registers services, before the test host's configuration sources
        // would be added.
        foreach (var (key, value) in settings)
        {
            builder.UseSetting(key, value);
        }

        // Date sweep (opt-in, never set by test.sh): the suite runs on whatever day CI runs it,
        // so a test that silently depends on the real date (school holidays, the demo school
        // year seeded relative to today, weekends, public holidays, month ends, daylight-saving
        // changes, registration windows, ages) would break on some future day. Setting
        // PORTAIL_TEST_NOW to an ISO instant (e.g. 2027-06-20T08:00:00Z) runs the portal on a
        // fake clock starting then, to check the suite against other days of the year. The clock
        // moves a few milliseconds at each reading, so that time goes forward and the order of
        // requests stays strict. It is registered before the subclass's hook, so a test class
        // that sets its own clock (CalendarFactory, for instance) keeps it.
        if (SweepNow is { } sweepNow)
        {
            builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(
                new FakeTimeProvider(sweepNow) { AutoAdvanceAmount = TimeSpan.FromMilliseconds(5) }));
        }

        // The test provider's notifications reach the portal in the test host, as they reach
        // its public address on a real server.
        builder.ConfigureTestServices(services => services.AddHttpClient(PayFipTestNotifier.Client).ConfigurePrimaryHttpMessageHandler(() => Server.CreateHandler()));
        builder.ConfigureTestServices(ConfigureTestServices);
    }

    /// <summary>The instant of PORTAIL_TEST_NOW, when the suite is run on another day (see ConfigureWebHost).</summary>
    public static DateTimeOffset? SweepNow =>
        Environment.GetEnvironmentVariable("PORTAIL_TEST_NOW") is { Length: > 0 } value
            ? DateTimeOffset.Parse(value, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal | System.Globalization.DateTimeStyles.AdjustToUniversal)
            : null;

    /// <summary>
    /// The portal's own clock. Tests take "today" and "now" from it, never from the machine's
    /// clock (DateTime.Today, DateTimeOffset.UtcNow), so that they agree with the portal whatever
    /// clock it runs on: a test class's fake clock, or the date sweep of PORTAIL_TEST_NOW.
    /// </summary>
    public ParisClock Clock => Services.GetRequiredService<ParisClock>();

    /// <summary>A client that keeps cookies and does not follow redirects, so tests see them.</summary>
    public PortalClient NewClient() =>
        new(CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true, BaseAddress = new Uri("http://localhost") }));

    /// <summary>Runs a piece of code against the portal's database.</summary>
    public async Task<T> WithDbAsync<T>(Func<AppDbContext, Task<T>> action)
    {
        using var scope = Services.CreateScope();
        return await action(scope.ServiceProvider.GetRequiredService<AppDbContext>());
    }

    /// <summary>
    /// The messages the portal queued to <paramref name="to"/> (sent yet or not), oldest first,
    /// only those queued after the outbox row <paramref name="after"/> when it is given. A message
    /// is queued in the same transaction as the change it announces, so once a request has
    /// returned this is all it will ever send: "nothing was emailed" is checked here, at once,
    /// never by waiting on the SMTP server for something that must not come.
    /// </summary>
    public async Task<List<OutboxMail>> QueuedMailsToAsync(string to, long after = 0)
    {
        // Compared in memory, whatever the case of the address: a test database's outbox is small.
        var queued = await WithDbAsync(db => db.OutboxMails.AsNoTracking().Where(m => m.Id > after).OrderBy(m => m.Id).ToListAsync());
        return [.. queued.Where(m => string.Equals(m.To, to, StringComparison.OrdinalIgnoreCase))];
    }

    /// <summary>The outbox's last row, to pass to <see cref="QueuedMailsToAsync"/> as <c>after</c>.</summary>
    public Task<long> OutboxMarkAsync() =>
        WithDbAsync(async db => await db.OutboxMails.MaxAsync(m => (long?)m.Id) ?? 0);

    public Task InitializeAsync()
    {
        _ = Server; // starts the host: migrates and seeds
        return Task.CompletedTask;
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        // The portal stops first: its background services (the mail dispatcher) no longer hold
        // a connection to the database when it is dropped.
        await DisposeAsync();
        if (_first is not null)
        {
            return;
        }

        if (OnPostgres)
        {
            await DropPostgresDatabaseAsync();
        }

        await Smtp.DisposeAsync();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    // WITH (FORCE) ends any session still open on the test database (a pooled connection of
    // the stopped portal), which a plain DROP would wait for and then refuse. An autovacuum
    // worker busy on the new database is a session the test role may not end (PostgreSQL 15
    // answers 42501, "must be a member of the role whose process is being terminated"): the
    // drop is tried again until the worker is done with it.
    private async Task DropPostgresDatabaseAsync()
    {
        NpgsqlConnection.ClearAllPools();
        var admin = new NpgsqlConnectionStringBuilder(ConnectionString) { Database = "postgres", Pooling = false };
        await using var connection = new NpgsqlConnection(admin.ToString());
        await connection.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{_databaseName}\" WITH (FORCE)", connection);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await drop.ExecuteNonQueryAsync();
                return;
            }
            catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.InsufficientPrivilege && attempt < 60)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(500));
            }
        }
    }
}
