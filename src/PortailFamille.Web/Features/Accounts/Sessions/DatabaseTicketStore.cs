using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.EntityFrameworkCore;
using PortailFamille.Web.Data;

namespace PortailFamille.Web.Features.Accounts.Sessions;

/// <summary>
/// Keeps the sign-in cookies' tickets in the database (<see cref="UserSession"/>). Each
/// authenticated request reads its row by primary key through the request's own DbContext, so
/// a session deleted on any server is refused on the next request, on every server. The last
/// request time is written at most once a minute per session.
/// </summary>
public sealed class DatabaseTicketStore(TimeProvider time) : ITicketStore
{
    /// <summary>The HttpContext item holding the current request's session key.</summary>
    public const string CurrentSessionItem = "PortailFamille.Session";

    /// <summary>How stale "last seen" may be: the bound on the writes made by reading a session.</summary>
    public static readonly TimeSpan LastSeenPrecision = TimeSpan.FromMinutes(1);

    public async Task<string> StoreAsync(AuthenticationTicket ticket, HttpContext httpContext, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        ArgumentNullException.ThrowIfNull(httpContext);
        var db = Db(httpContext);
        var now = time.GetUtcNow();
        // Signing in is when expired sessions are swept away.
        await db.UserSessions.Where(s => s.ExpiresAt <= now).ExecuteDeleteAsync(cancellationToken);
        var userAgent = httpContext.Request.Headers.UserAgent.ToString();
        var session = new UserSession
        {
            Id = Guid.NewGuid(),
            UserId = UserId(ticket),
            CreatedAt = now,
            LastSeenAt = now,
            ExpiresAt = ticket.Properties.ExpiresUtc ?? now.AddHours(2),
            Browser = userAgent.Length > UserSession.BrowserLength ? userAgent[..UserSession.BrowserLength] : userAgent,
            Address = httpContext.Connection.RemoteIpAddress?.ToString() is { } address && address.Length <= UserSession.AddressLength ? address : null,
            Ticket = TicketSerializer.Default.Serialize(ticket),
        };
        var entry = db.UserSessions.Add(session);
        await db.SaveChangesAsync(cancellationToken);
        entry.State = EntityState.Detached;
        httpContext.Items[CurrentSessionItem] = session.Id;
        return session.Id.ToString();
    }

    public async Task RenewAsync(string key, AuthenticationTicket ticket, HttpContext httpContext, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        ArgumentNullException.ThrowIfNull(httpContext);
        if (!Guid.TryParse(key, out var id))
        {
            return;
        }

        var now = time.GetUtcNow();
        var bytes = TicketSerializer.Default.Serialize(ticket);
        var expires = ticket.Properties.ExpiresUtc ?? now.AddHours(2);
        // A session ended meanwhile stays ended: no row, nothing renewed.
        await Db(httpContext).UserSessions.Where(s => s.Id == id).ExecuteUpdateAsync(
            s => s.SetProperty(x => x.Ticket, bytes).SetProperty(x => x.ExpiresAt, expires).SetProperty(x => x.LastSeenAt, now),
            cancellationToken);
    }

    public async Task<AuthenticationTicket?> RetrieveAsync(string key, HttpContext httpContext, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        if (!Guid.TryParse(key, out var id))
        {
            return null;
        }

        var db = Db(httpContext);
        var row = await db.UserSessions.AsNoTracking()
            .Where(s => s.Id == id)
            .Select(s => new { s.Ticket, s.LastSeenAt, s.ExpiresAt })
            .FirstOrDefaultAsync(cancellationToken);
        var now = time.GetUtcNow();
        if (row is null || row.ExpiresAt <= now)
        {
            return null;
        }

        if (now - row.LastSeenAt >= LastSeenPrecision)
        {
            await db.UserSessions.Where(s => s.Id == id).ExecuteUpdateAsync(s => s.SetProperty(x => x.LastSeenAt, now), cancellationToken);
        }

        httpContext.Items[CurrentSessionItem] = id;
        return TicketSerializer.Default.Deserialize(row.Ticket);
    }

    public Task RemoveAsync(string key, HttpContext httpContext, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        return Guid.TryParse(key, out var id)
            ? Db(httpContext).UserSessions.Where(s => s.Id == id).ExecuteDeleteAsync(cancellationToken)
            : Task.CompletedTask;
    }

    // The cookie handler always calls the overloads above, which have the request.
    public Task<string> StoreAsync(AuthenticationTicket ticket) => throw new NotSupportedException("Sessions are stored within a request.");

    public Task RenewAsync(string key, AuthenticationTicket ticket) => throw new NotSupportedException("Sessions are stored within a request.");

    public Task<AuthenticationTicket?> RetrieveAsync(string key) => throw new NotSupportedException("Sessions are stored within a request.");

    public Task RemoveAsync(string key) => throw new NotSupportedException("Sessions are stored within a request.");

    private static AppDbContext Db(HttpContext httpContext) => httpContext.RequestServices.GetRequiredService<AppDbContext>();

    private static Guid UserId(AuthenticationTicket ticket) =>
        Guid.Parse(ticket.Principal.FindFirstValue(ClaimTypes.NameIdentifier) ?? throw new InvalidOperationException("A signed-in ticket names its account."));
}
