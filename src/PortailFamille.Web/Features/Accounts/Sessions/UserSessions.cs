using Microsoft.EntityFrameworkCore;
using PortailFamille.Web.Data;

namespace PortailFamille.Web.Features.Accounts.Sessions;

/// <summary>An open session as its owner sees it.</summary>
public sealed record OpenSession(Guid Id, DateTimeOffset CreatedAt, DateTimeOffset LastSeenAt, string Browser, string? Address, bool IsCurrent);

/// <summary>Lists and ends an account's sessions.</summary>
public sealed class UserSessions(AppDbContext db, TimeProvider time, IHttpContextAccessor http)
{
    /// <summary>The session of the current request, if it is signed in.</summary>
    public Guid? Current => http.HttpContext?.Items[DatabaseTicketStore.CurrentSessionItem] as Guid?;

    public async Task<IReadOnlyList<OpenSession>> OpenAsync(Guid userId, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var current = Current;
        var rows = await db.UserSessions.AsNoTracking()
            .Where(s => s.UserId == userId && s.ExpiresAt > now)
            .Select(s => new { s.Id, s.CreatedAt, s.LastSeenAt, s.Browser, s.Address })
            .ToListAsync(cancellationToken);
        return [.. rows
            .Select(s => new OpenSession(s.Id, s.CreatedAt, s.LastSeenAt, BrowserDescription.Of(s.Browser), s.Address, s.Id == current))
            .OrderByDescending(s => s.IsCurrent).ThenByDescending(s => s.LastSeenAt)];
    }

    /// <summary>Ends one of the account's sessions; false when it was not (or no longer) open.</summary>
    public async Task<bool> EndAsync(Guid userId, Guid sessionId, CancellationToken cancellationToken) =>
        await db.UserSessions.Where(s => s.UserId == userId && s.Id == sessionId).ExecuteDeleteAsync(cancellationToken) > 0;

    /// <summary>Ends every session of the account but the one given (the current browser's, when it stays signed in).</summary>
    public Task<int> EndAllAsync(Guid userId, Guid? except, CancellationToken cancellationToken) =>
        except is { } kept
            ? db.UserSessions.Where(s => s.UserId == userId && s.Id != kept).ExecuteDeleteAsync(cancellationToken)
            : db.UserSessions.Where(s => s.UserId == userId).ExecuteDeleteAsync(cancellationToken);
}

/// <summary>A short, readable name for a User-Agent: "Firefox sur Windows".</summary>
public static class BrowserDescription
{
    private static readonly (string Token, string Name)[] Browsers =
    [
        ("Edg/", "Edge"), ("OPR/", "Opera"), ("SamsungBrowser/", "Samsung Internet"), ("Firefox/", "Firefox"),
        ("FxiOS/", "Firefox"), ("CriOS/", "Chrome"), ("Chromium/", "Chromium"), ("Chrome/", "Chrome"), ("Safari/", "Safari"),
    ];

    private static readonly (string Token, string Name)[] Systems =
    [
        ("Android", "Android"), ("iPhone", "iPhone"), ("iPad", "iPad"), ("Windows", "Windows"), ("Mac OS X", "macOS"),
        ("CrOS", "ChromeOS"), ("Linux", "Linux"),
    ];

    public static string Of(string? userAgent)
    {
        if (string.IsNullOrWhiteSpace(userAgent))
        {
            return "Navigateur inconnu";
        }

        var browser = Browsers.FirstOrDefault(b => userAgent.Contains(b.Token, StringComparison.Ordinal)).Name ?? "Navigateur inconnu";
        var system = Systems.FirstOrDefault(s => userAgent.Contains(s.Token, StringComparison.Ordinal)).Name;
        return system is null ? browser : $"{browser} sur {system}";
    }
}
