using System.Net;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;

namespace PortailFamille.Web.Tests.Infrastructure;

/// <summary>A page as the browser got it: status, headers, and its parsed HTML.</summary>
public sealed record HtmlPage(HttpResponseMessage Response, IHtmlDocument Document, string Url)
{
    public HttpStatusCode Status => Response.StatusCode;

    public string Text => Document.Body?.TextContent ?? string.Empty;

    public string? Location => Response.Headers.Location?.ToString();

    /// <summary>The messages of the error summary and of each field.</summary>
    public IReadOnlyList<string> Errors =>
        [.. Document.QuerySelectorAll(".alert--error li, .alert--error p, .field-error").Select(e => e.TextContent.Trim()).Where(t => t.Length > 0)];
}

/// <summary>
/// Drives the portal as a browser without JavaScript would: GET a page, fill its form
/// (antiforgery token included, since it is a hidden field of the form), POST it.
/// </summary>
public sealed class PortalClient(HttpClient http) : IDisposable
{
    private static readonly HtmlParser Parser = new();

    public HttpClient Http => http;

    public async Task<HtmlPage> GetAsync(string url)
    {
        var response = await http.GetAsync(url);
        return await ParseAsync(response, url);
    }

    /// <summary>
    /// Opens <paramref name="url"/>, takes its form (the first, or the one whose button or
    /// selector is given), sets <paramref name="values"/> and submits it.
    /// </summary>
    public async Task<HtmlPage> SubmitAsync(string url, IDictionary<string, string> values, string? formSelector = null)
    {
        var page = await GetAsync(url);
        if (page.Status != HttpStatusCode.OK)
        {
            throw new InvalidOperationException($"GET {url} answered {(int)page.Status}.");
        }

        return await SubmitAsync(page, values, formSelector);
    }

    public async Task<HtmlPage> SubmitAsync(HtmlPage page, IDictionary<string, string> values, string? formSelector = null)
    {
        var form = (formSelector is null
            ? page.Document.QuerySelectorAll("main form").OfType<IHtmlFormElement>().FirstOrDefault()
            : page.Document.QuerySelector(formSelector) as IHtmlFormElement)
            ?? throw new InvalidOperationException($"No form {formSelector} on {page.Url}.");
        return await SubmitFormAsync(page, form, values, null);
    }

    /// <summary>
    /// Presses the submit button whose text is <paramref name="label"/>, as a browser would: its
    /// form's fields, the button's own name and value, and its formaction when it has one.
    /// </summary>
    public async Task<HtmlPage> PressAsync(HtmlPage page, string label, IDictionary<string, string>? values = null)
    {
        var button = page.Document.QuerySelectorAll("main button[type=submit]").OfType<IHtmlButtonElement>()
            .FirstOrDefault(b => b.TextContent.Trim() == label)
            ?? throw new InvalidOperationException($"No button « {label} » on {page.Url}.");
        var form = button.Form ?? throw new InvalidOperationException($"The button « {label} » is outside a form.");
        var fields = new Dictionary<string, string>(values ?? new Dictionary<string, string>());
        if (!string.IsNullOrEmpty(button.Name))
        {
            fields[button.Name] = button.Value;
        }

        return await SubmitFormAsync(page, form, fields, button.GetAttribute("formaction"));
    }

    private async Task<HtmlPage> SubmitFormAsync(HtmlPage page, IHtmlFormElement form, IDictionary<string, string> values, string? formAction)
    {
        var fields = new List<KeyValuePair<string, string>>();
        foreach (var input in form.QuerySelectorAll("input, select, textarea"))
        {
            var name = input.GetAttribute("name");
            if (string.IsNullOrEmpty(name) || values.ContainsKey(name))
            {
                continue;
            }

            switch (input)
            {
                case IHtmlInputElement { Type: "checkbox" or "radio" } box:
                    if (box.IsChecked)
                    {
                        fields.Add(new(name, box.Value));
                    }

                    break;
                case IHtmlInputElement { Type: "submit" }:
                    break;
                case IHtmlInputElement text:
                    fields.Add(new(name, text.Value));
                    break;
                case IHtmlSelectElement select:
                    fields.Add(new(name, select.Value ?? string.Empty));
                    break;
                case IHtmlTextAreaElement area:
                    fields.Add(new(name, area.Value));
                    break;
            }
        }

        fields.AddRange(values);
        var action = formAction ?? form.GetAttribute("action");
        var target = string.IsNullOrEmpty(action) ? page.Url : action;
        return await PostAsync(target, fields);
    }

    /// <summary>
    /// Sends forms as multipart/form-data, as a browser does for a form with that enctype: the
    /// values travel raw, where URL encoding would turn a NUL byte into %00 (which ASP.NET
    /// refuses before any page sees it).
    /// </summary>
    public bool Multipart { get; set; }

    public async Task<HtmlPage> PostAsync(string url, IEnumerable<KeyValuePair<string, string>> fields)
    {
        using HttpContent content = Multipart ? ToMultipart(fields) : new FormUrlEncodedContent(fields);
        var response = await http.PostAsync(url, content);
        return await ParseAsync(response, url);
    }

    private static MultipartFormDataContent ToMultipart(IEnumerable<KeyValuePair<string, string>> fields)
    {
        var content = new MultipartFormDataContent();
        foreach (var (name, value) in fields)
        {
            content.Add(new StringContent(value, System.Text.Encoding.UTF8), name);
        }

        return content;
    }

    /// <summary>Follows the redirect of a page, if it has one.</summary>
    public async Task<HtmlPage> FollowAsync(HtmlPage page) =>
        page.Location is { } location ? await GetAsync(location) : page;

    public Task<HtmlPage> SignInFamilyAsync(string email, string password) =>
        SubmitAsync("/", new Dictionary<string, string> { ["Input.Email"] = email, ["Input.Password"] = password });

    public Task<HtmlPage> SignInStaffAsync(string email, string password) =>
        SubmitAsync("/gestion/connexion", new Dictionary<string, string> { ["Input.Email"] = email, ["Input.Password"] = password });

    public void Dispose() => http.Dispose();

    private static async Task<HtmlPage> ParseAsync(HttpResponseMessage response, string url)
    {
        var html = await response.Content.ReadAsStringAsync();
        return new HtmlPage(response, await Parser.ParseDocumentAsync(html), url);
    }
}

public static class MailLinks
{
    /// <summary>The first link of a message's plain-text part that starts with the portal's address.</summary>
    public static string PortalLink(this MimeKit.MimeMessage message)
    {
        var text = message.TextBody ?? throw new InvalidOperationException("The message has no text part.");
        var start = text.IndexOf("http://localhost/", StringComparison.Ordinal);
        if (start < 0)
        {
            throw new InvalidOperationException("No portal link in: " + text);
        }

        var end = text.IndexOfAny(['\n', '\r', ' '], start);
        var link = end < 0 ? text[start..] : text[start..end];
        return link["http://localhost".Length..];
    }
}
