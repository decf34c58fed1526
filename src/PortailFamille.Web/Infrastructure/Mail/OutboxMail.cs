using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace PortailFamille.Web.Infrastructure.Mail;

/// <summary>
/// An email waiting to be sent, or sent. Mail is written to this table in the same
/// transaction as the change it announces, then sent by <see cref="MailDispatcher"/>: a
/// family's request never waits for a mail server, and no message is lost when one is down.
/// </summary>
public sealed class OutboxMail
{
    public long Id { get; set; }

    public string To { get; set; } = string.Empty;

    public string Subject { get; set; } = string.Empty;

    public string TextBody { get; set; } = string.Empty;

    public string HtmlBody { get; set; } = string.Empty;

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset NextAttemptAt { get; set; }

    public DateTimeOffset? SentAt { get; set; }

    public int Attempts { get; set; }

    public string? LastError { get; set; }

    /// <summary>
    /// The key of the dispatcher's claim that is sending it (<see cref="MailDispatcher"/>); the
    /// claim holds until <see cref="NextAttemptAt"/>, so that no other web server sends it too.
    /// </summary>
    public Guid? ClaimToken { get; set; }
}

internal sealed class OutboxMailConfiguration : IEntityTypeConfiguration<OutboxMail>
{
    public void Configure(EntityTypeBuilder<OutboxMail> mail)
    {
        mail.Property(m => m.To).HasMaxLength(254);
        mail.Property(m => m.Subject).HasMaxLength(300);
        mail.Property(m => m.LastError).HasMaxLength(1000);
        mail.HasIndex(m => new { m.SentAt, m.NextAttemptAt });
    }
}
