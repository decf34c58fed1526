using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Npgsql;
using PortailFamille.Web.Infrastructure.Mail;

namespace PortailFamille.Web.Data;

/// <summary>Chooses the database provider from configuration and migrates it at start-up.</summary>
public static class DatabaseSetup
{
    public const string Postgres = "Postgres";
    public const string Sqlite = "Sqlite";

    public static IServiceCollection AddPortalDatabase(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        // Every interceptor registered as such applies (the mail signal's, and any a test adds).
        services.AddSingleton<IInterceptor>(sp => sp.GetRequiredService<MailCommitInterceptor>());
        var provider = configuration["Database:Provider"] ?? Sqlite;
        var connectionString = configuration.GetConnectionString("Default");
        if (string.Equals(provider, Postgres, StringComparison.OrdinalIgnoreCase))
        {
            if (string.IsNullOrWhiteSpace(connectionString))
            {
                throw new InvalidOperationException("ConnectionStrings:Default doit être renseignée pour PostgreSQL.");
            }

            // One query per load, said explicitly: an activity comes with its units, tariffs and
            // per-date places in one consistent read, and EF Core stops warning about it on start.
            var postgres = PostgresConnectionString(connectionString);
            services.AddSingleton(new WriteGate(oneAtATime: false));
            services.AddDbContext<AppDbContext, PostgresAppDbContext>((sp, o) => o.UseNpgsql(postgres, n => n.UseQuerySplittingBehavior(QuerySplittingBehavior.SingleQuery)).AddInterceptors(sp.GetServices<IInterceptor>()));
        }
        else if (string.Equals(provider, Sqlite, StringComparison.OrdinalIgnoreCase))
        {
            var sqlite = SqliteConnectionString(connectionString, environment);
            services.AddSingleton(new WriteGate(oneAtATime: true));
            // One instance for every context: EF Core builds its internal services anew for
            // options holding an interceptor it has not seen, which a new instance per request
            // made it do at every request.
            services.AddSingleton<IInterceptor, SqliteConnectionSettings>();
            services.AddDbContext<AppDbContext, SqliteAppDbContext>((sp, o) => o.UseSqlite(sqlite, q => q.UseQuerySplittingBehavior(QuerySplittingBehavior.SingleQuery)).AddInterceptors(sp.GetServices<IInterceptor>()));
        }
        else
        {
            throw new InvalidOperationException($"Database:Provider « {provider} » inconnu : utilisez Sqlite ou Postgres.");
        }

        return services;
    }

    /// <summary>The pool size of a PostgreSQL connection string that does not set its own.</summary>
    public const int DefaultPostgresPoolSize = 50;

    /// <summary>
    /// Caps the connection pool unless the connection string sets "Maximum Pool Size". Npgsql's
    /// default pool (100) is PostgreSQL's default max_connections (100, 3 of them kept for
    /// superusers): a burst of simultaneous requests (registration day) would open connections
    /// until the server refuses them with 53300 "too many clients", failing requests that a
    /// capped pool makes wait a moment for a free connection instead.
    /// </summary>
    private static string PostgresConnectionString(string configured)
    {
        var builder = new NpgsqlConnectionStringBuilder(configured);
        var keys = new System.Data.Common.DbConnectionStringBuilder { ConnectionString = configured }.Keys.Cast<string>();
        var setsPool = keys.Any(k => k.Replace(" ", "", StringComparison.Ordinal) is var key
            && (key.Equals("MaximumPoolSize", StringComparison.OrdinalIgnoreCase) || key.Equals("MaxPoolSize", StringComparison.OrdinalIgnoreCase)));
        if (!setsPool)
        {
            builder.MaxPoolSize = DefaultPostgresPoolSize;
        }

        return builder.ToString();
    }

    /// <summary>
    /// Resolves a relative SQLite file against the content root and creates its folder, so
    /// that the first start on a fresh machine needs nothing prepared.
    /// </summary>
    private static string SqliteConnectionString(string? configured, IHostEnvironment environment)
    {
        var builder = new SqliteConnectionStringBuilder(string.IsNullOrWhiteSpace(configured) ? "Data Source=data/portail-famille.db" : configured);
        if (builder.DataSource != ":memory:" && builder.Mode != SqliteOpenMode.Memory)
        {
            builder.DataSource = Path.GetFullPath(builder.DataSource, environment.ContentRootPath);
            Directory.CreateDirectory(Path.GetDirectoryName(builder.DataSource)!);
        }

        // Waits for a writer instead of failing at once when two requests write together.
        builder.DefaultTimeout = 30;
        return builder.ToString();
    }

    /// <summary>Applies the provider's migrations; on SQLite also turns on write-ahead logging.</summary>
    public static async Task MigrateAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        using var scope = services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        await db.Database.MigrateAsync(cancellationToken);
        if (db.Database.IsSqlite())
        {
            // Readers no longer wait for writers: many families read while a few book.
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        }
    }
}
