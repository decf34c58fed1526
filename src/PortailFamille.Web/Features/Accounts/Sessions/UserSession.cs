using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace PortailFamille.Web.Features.Accounts.Sessions;

/// <summary>
/// A signed-in browser. The cookie holds only this row's key (protected by data protection);
/// the sign-in itself (the account, its roles, its family) is kept here, so that deleting the
/// row ends the session at once: signing out, "Se déconnecter partout", a password change.
/// </summary>
public sealed class UserSession
{
    public const int BrowserLength = 300;

    public const int AddressLength = 45;

    public Guid Id { get; set; }

    public Guid UserId { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>The last request of the session, to the minute.</summary>
    public DateTimeOffset LastSeenAt { get; set; }

    /// <summary>When the sliding cookie would end it; expired rows are purged.</summary>
    public DateTimeOffset ExpiresAt { get; set; }

    /// <summary>The browser's User-Agent at sign-in, cut to <see cref="BrowserLength"/>.</summary>
    public string? Browser { get; set; }

    /// <summary>The client address at sign-in (the proxy's own when the portal is behind one).</summary>
    public string? Address { get; set; }

    /// <summary>The authentication ticket, serialised.</summary>
    public byte[] Ticket { get; set; } = [];
}

internal sealed class UserSessionConfiguration : IEntityTypeConfiguration<UserSession>
{
    public void Configure(EntityTypeBuilder<UserSession> session)
    {
        session.Property(s => s.Id).ValueGeneratedNever();
        session.Property(s => s.Browser).HasMaxLength(UserSession.BrowserLength);
        session.Property(s => s.Address).HasMaxLength(UserSession.AddressLength);
        session.HasIndex(s => s.UserId);
        session.HasIndex(s => s.ExpiresAt);
        session.HasOne<AppUser>().WithMany().HasForeignKey(s => s.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
