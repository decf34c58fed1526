using System.Net;
using System.Text;
using Microsoft.Extensions.Options;
using PortailFamille.Web.Data;
using PortailFamille.Web.Infrastructure.Municipality;

namespace PortailFamille.Web.Infrastructure.Mail;

/// <summary>A French email: a greeting, paragraphs, an optional button with its link.</summary>
public sealed record MailContent(string Subject, string Greeting, IReadOnlyList<string> Paragraphs, string? ActionLabel = null, string? ActionUrl = null, string? Footnote = null);

/// <summary>
/// Writes emails to the outbox, in the caller's unit of work (saved with the change the email
/// announces), then wakes the dispatcher once the caller has saved.
/// </summary>
public sealed class Mailer(AppDbContext db, TimeProvider time, IOptions<MunicipalityOptions> municipality, MailSignal signal)
{
    public void Enqueue(string to, MailContent content)
    {
        var now = time.GetUtcNow();
        var commune = municipality.Value;
        db.OutboxMails.Add(new OutboxMail
        {
            To = to,
            Subject = $"{content.Subject} - {commune.Name}",
            TextBody = RenderText(content, commune),
            HtmlBody = RenderHtml(content, commune),
            CreatedAt = now,
            NextAttemptAt = now,
        });
        signal.WakeUpAfterSave(db);
    }

    private static string RenderText(MailContent content, MunicipalityOptions commune)
    {
        var text = new StringBuilder();
        text.Append(content.Greeting).Append("\n\n");
        foreach (var paragraph in content.Paragraphs)
        {
            text.Append(paragraph).Append("\n\n");
        }

        if (content.ActionUrl is not null)
        {
            text.Append(content.ActionLabel).Append(" :\n").Append(content.ActionUrl).Append("\n\n");
        }

        if (content.Footnote is not null)
        {
            text.Append(content.Footnote).Append("\n\n");
        }

        text.Append("-- \n").Append(commune.ServiceName).Append(" - ").Append(commune.Name).Append('\n')
            .Append(commune.AddressLine).Append('\n')
            .Append("Tél. ").Append(commune.Phone).Append(" - ").Append(commune.Email).Append('\n');
        return text.ToString();
    }

    private static string RenderHtml(MailContent content, MunicipalityOptions commune)
    {
        static string E(string s) => WebUtility.HtmlEncode(s);
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html><html lang=\"fr\"><head><meta charset=\"utf-8\"><title>")
            .Append(E(content.Subject)).Append("</title></head>")
            .Append("<body style=\"font-family:Arial,Helvetica,sans-serif;color:#1d1d1b;line-height:1.5;max-width:600px;margin:0 auto;padding:16px\">")
            .Append("<p style=\"font-size:18px;font-weight:bold;color:#00508c\">").Append(E(commune.Name)).Append(" — Portail Famille</p>")
            .Append("<p>").Append(E(content.Greeting)).Append("</p>");
        foreach (var paragraph in content.Paragraphs)
        {
            html.Append("<p>").Append(E(paragraph)).Append("</p>");
        }

        if (content.ActionUrl is not null)
        {
            html.Append("<p><a href=\"").Append(E(content.ActionUrl))
                .Append("\" style=\"display:inline-block;background:#00508c;color:#fff;padding:12px 20px;border-radius:4px;text-decoration:none;font-weight:bold\">")
                .Append(E(content.ActionLabel ?? content.ActionUrl)).Append("</a></p>")
                .Append("<p style=\"font-size:13px\">Si le bouton ne fonctionne pas, copiez ce lien dans votre navigateur :<br>")
                .Append(E(content.ActionUrl)).Append("</p>");
        }

        if (content.Footnote is not null)
        {
            html.Append("<p style=\"font-size:13px;color:#555\">").Append(E(content.Footnote)).Append("</p>");
        }

        html.Append("<hr><p style=\"font-size:13px;color:#555\">").Append(E(commune.ServiceName)).Append(" — ").Append(E(commune.Name))
            .Append("<br>").Append(E(commune.AddressLine))
            .Append("<br>Tél. ").Append(E(commune.Phone)).Append(" — ").Append(E(commune.Email)).Append("</p></body></html>");
        return html.ToString();
    }
}
