using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using PortailFamille.Web.Infrastructure.Mail;

namespace PortailFamille.Web.Data;

/// <summary>Chooses the database provider from configuration and migrates it at start-up.</summary>
public static class DatabaseSetup
{
    public const string Postgres = "Postgres";
    public const string Sqlite = "Sqlite";

    public static IServiceCollection AddPortalDatabase(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        var provider = configuration["Database:Provider"] ?? Sqlite;
        var connectionString = configuration.GetConnectionString("Default");
        if (string.Equals(provider, Postgres, StringComparison.OrdinalIgnoreCase))
        {
            if (string.IsNullOrWhiteSpace(connectionString))
            {
                throw new InvalidOperationException("ConnectionStrings:Default doit être renseignée pour PostgreSQL.");
            }

            services.AddDbContext<AppDbContext, PostgresAppDbContext>((sp, o) => o.UseNpgsql(connectionString).AddInterceptors(sp.GetRequiredService<MailCommitInterceptor>()));
        }
        else if (string.Equals(provider, Sqlite, StringComparison.OrdinalIgnoreCase))
        {
            var sqlite = SqliteConnectionString(connectionString, environment);
            services.AddDbContext<AppDbContext, SqliteAppDbContext>((sp, o) => o.UseSqlite(sqlite).AddInterceptors(sp.GetRequiredService<MailCommitInterceptor>()));
        }
        else
        {
            throw new InvalidOperationException($"Database:Provider « {provider} » inconnu : utilisez Sqlite ou Postgres.");
        }

        return services;
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
