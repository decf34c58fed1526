namespace PortailFamille.Web.Infrastructure.Mail;

/// <summary>The "Mail" section of the configuration.</summary>
public sealed class MailOptions
{
    public const string Section = "Mail";

    /// <summary>Sender address of every message.</summary>
    public string From { get; set; } = "portail-famille@localhost";

    /// <summary>Folder where messages are written as .eml files when no SMTP host is set.</summary>
    public string PickupFolder { get; set; } = "data/mail";

    public SmtpOptions Smtp { get; set; } = new();

    /// <summary>How often the outbox is looked at when nothing wakes it up.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(30);
}

public sealed class SmtpOptions
{
    /// <summary>When empty, mail goes to <see cref="MailOptions.PickupFolder"/>.</summary>
    public string? Host { get; set; }

    public int Port { get; set; } = 587;

    /// <summary>Auto (STARTTLS when offered), StartTls, SslOnConnect or None.</summary>
    public string Security { get; set; } = "Auto";

    public string? UserName { get; set; }

    public string? Password { get; set; }
}
