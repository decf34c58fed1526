using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PortailFamille.Domain.Billing;

namespace PortailFamille.Web.Features.Payments.TestProvider;

/// <summary>
/// A payment session of the built-in test provider: what the portal asked it to open
/// (<c>creerPaiementSecurise</c>) and, once the tester chose on its page, the result it
/// answers (<c>recupererDetailPaiementSecurise</c>). Kept in the portal's database, so that
/// every server of a cluster answers alike.
/// </summary>
public sealed class PayFipTestSession
{
    public string IdOp { get; set; } = string.Empty;

    public string NumCli { get; set; } = string.Empty;

    public int Year { get; set; }

    public long AmountInCents { get; set; }

    public string RefDet { get; set; } = string.Empty;

    public string Email { get; set; } = string.Empty;

    public string Objet { get; set; } = string.Empty;

    public string NotificationUrl { get; set; } = string.Empty;

    public string RedirectUrl { get; set; } = string.Empty;

    /// <summary>'T', 'X' or 'W', as sent.</summary>
    public string Saisie { get; set; } = string.Empty;

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>The resultrans chosen on the page: P paid, R refused, A abandoned; null until then.</summary>
    public string? Result { get; set; }

    public DateTimeOffset? DecidedAt { get; set; }

    public string? Authorisation { get; set; }
}

internal sealed class PayFipTestSessionConfiguration : IEntityTypeConfiguration<PayFipTestSession>
{
    public void Configure(EntityTypeBuilder<PayFipTestSession> session)
    {
        session.ToTable("PayFipTestSessions");
        session.HasKey(s => s.IdOp);
        session.Property(s => s.IdOp).HasMaxLength(64);
        session.Property(s => s.NumCli).HasMaxLength(6);
        session.Property(s => s.RefDet).HasMaxLength(PayFip.MaxRefDetLength);
        // The treasury refuses a reference it has already been given.
        session.HasIndex(s => s.RefDet).IsUnique();
        session.Property(s => s.Email).HasMaxLength(256);
        session.Property(s => s.Objet).HasMaxLength(PayFip.MaxObjetLength);
        session.Property(s => s.NotificationUrl).HasMaxLength(2048);
        session.Property(s => s.RedirectUrl).HasMaxLength(2048);
        session.Property(s => s.Saisie).HasMaxLength(1);
        session.Property(s => s.Result).HasMaxLength(1);
        session.Property(s => s.Authorisation).HasMaxLength(16);
    }
}
