using System.Globalization;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using AngleSharp.Html.Dom;

namespace PortailFamille.Web.Tests.Infrastructure;

/// <summary>A field of a form as the page gave it: its name, the value a browser would send, its kind.</summary>
public sealed record CrawledField(string Name, string Value, string Kind, IReadOnlyList<string> Options);

/// <summary>One way to submit a form: the page it is on, the address it posts to, the fields and the button pressed.</summary>
public sealed record CrawledForm(string PageUrl, string Action, IReadOnlyList<CrawledField> Fields, KeyValuePair<string, string>? Button, int Depth)
{
    public string Token => Fields.FirstOrDefault(f => f.Name == PortalCrawler.TokenName)?.Value ?? string.Empty;
}

/// <summary>A request the crawler made that the portal answered with a server error.</summary>
public sealed record ServerError(string Role, string Method, string Url, string Shape, HttpStatusCode Status)
{
    public override string ToString() => $"{Role} {Method} {Url} [{Shape}] → {(int)Status}";
}

/// <summary>
/// Walks the portal as one signed-in user (or an anonymous visitor) would: follows every link
/// of the site, submits GET forms with what they offer, and collects every POST form with each
/// of its buttons. Addresses that differ only by an id or a query value are visited a few times,
/// not once per family or per month, so that a walk stays short.
/// </summary>
public sealed partial class PortalCrawler(PortalClient client, string role)
{
    public const string TokenName = "__RequestVerificationToken";

    private const int VisitsPerPattern = 3;
    private const int MaxPages = 250;

    private readonly Dictionary<string, int> _patternVisits = [];
    private readonly HashSet<string> _visited = [];
    private readonly HashSet<string> _formKeys = [];

    public string Role => role;

    public PortalClient Client => client;

    /// <summary>Every page visited, in order.</summary>
    public List<string> Pages { get; } = [];

    public List<CrawledForm> Forms { get; } = [];

    public List<ServerError> Errors { get; } = [];

    /// <summary>The query parameter names seen on each path pattern, from links and GET forms.</summary>
    public Dictionary<string, HashSet<string>> QueryNames { get; } = [];

    /// <summary>An antiforgery token valid for this user, taken from any form met.</summary>
    public string? AnyToken { get; private set; }

    public int Requests { get; set; }

    public async Task CrawlAsync(IEnumerable<string> starts, int depth = 0)
    {
        var queue = new Queue<string>(starts);
        while (queue.Count > 0 && Pages.Count < MaxPages)
        {
            var url = queue.Dequeue();
            if (!ShouldVisit(url))
            {
                continue;
            }

            var page = await GetAsync(url, "lien");
            if (page is null)
            {
                continue;
            }

            if (page.Location is { } location && location.StartsWith('/'))
            {
                queue.Enqueue(location);
                continue;
            }

            if (page.Status != HttpStatusCode.OK)
            {
                continue;
            }

            Pages.Add(url);
            foreach (var next in Harvest(page, depth))
            {
                queue.Enqueue(next);
            }
        }
    }

    /// <summary>Reads a page that a POST answered: its links and forms join the walk.</summary>
    public async Task TakeAsync(HtmlPage page, int depth)
    {
        if (page.Location is { } location && location.StartsWith('/'))
        {
            await CrawlAsync([location], depth);
        }
        else if (page.Status == HttpStatusCode.OK)
        {
            await CrawlAsync(Harvest(page, depth), depth);
        }
    }

    public async Task<HtmlPage?> GetAsync(string url, string shape)
    {
        Requests++;
        HtmlPage page;
        try
        {
            page = await client.GetAsync(url);
        }
        catch (Exception e) when (e is InvalidOperationException or HttpRequestException)
        {
            Errors.Add(new ServerError(role, "GET", url, shape + " (" + e.GetType().Name + ")", HttpStatusCode.InternalServerError));
            return null;
        }

        if ((int)page.Status >= 500)
        {
            Errors.Add(new ServerError(role, "GET", url, shape, page.Status));
        }

        return page;
    }

    public async Task<HtmlPage?> PostAsync(string url, IEnumerable<KeyValuePair<string, string>> fields, string shape)
    {
        Requests++;
        HtmlPage page;
        var list = fields.ToList();
        try
        {
            // A NUL byte travels raw in a multipart form; URL-encoded, ASP.NET refuses it first.
            client.Multipart = list.Any(f => f.Value.Contains('\0', StringComparison.Ordinal));
            page = await client.PostAsync(url, list);
        }
        catch (Exception e) when (e is InvalidOperationException or HttpRequestException)
        {
            Errors.Add(new ServerError(role, "POST", url, shape + " (" + e.GetType().Name + ")", HttpStatusCode.InternalServerError));
            return null;
        }
        finally
        {
            client.Multipart = false;
        }

        if ((int)page.Status >= 500)
        {
            Errors.Add(new ServerError(role, "POST", url, shape, page.Status));
        }

        return page;
    }

    /// <summary>"/gestion/familles/{id}?etat=": ids and query values taken out.</summary>
    public static string Pattern(string url)
    {
        var question = url.IndexOf('?', StringComparison.Ordinal);
        var path = question < 0 ? url : url[..question];
        path = GuidPattern().Replace(path, "{id}");
        var query = question < 0 ? string.Empty : string.Join("&", Query(url).Select(p => p.Key).Order(StringComparer.Ordinal));
        return path.ToLowerInvariant() + "?" + query;
    }

    public static List<KeyValuePair<string, string>> Query(string url)
    {
        var question = url.IndexOf('?', StringComparison.Ordinal);
        if (question < 0)
        {
            return [];
        }

        return [.. url[(question + 1)..].Split('&', StringSplitOptions.RemoveEmptyEntries).Select(p =>
        {
            var equals = p.IndexOf('=', StringComparison.Ordinal);
            return equals < 0
                ? new KeyValuePair<string, string>(Uri.UnescapeDataString(p), string.Empty)
                : new KeyValuePair<string, string>(Uri.UnescapeDataString(p[..equals]), Uri.UnescapeDataString(p[(equals + 1)..].Replace('+', ' ')));
        })];
    }

    public static string WithQuery(string url, IEnumerable<KeyValuePair<string, string>> query)
    {
        var question = url.IndexOf('?', StringComparison.Ordinal);
        var path = question < 0 ? url : url[..question];
        var pairs = query.Select(p => Uri.EscapeDataString(p.Key) + "=" + Uri.EscapeDataString(p.Value)).ToList();
        return pairs.Count == 0 ? path : path + "?" + string.Join("&", pairs);
    }

    private bool ShouldVisit(string url)
    {
        if (!url.StartsWith('/') || url.StartsWith("//", StringComparison.Ordinal))
        {
            return false;
        }

        var path = url.Split('?', '#')[0];
        if (path.Equals("/deconnexion", StringComparison.OrdinalIgnoreCase) || Path.HasExtension(path))
        {
            return false;
        }

        if (!_visited.Add(url))
        {
            return false;
        }

        var pattern = Pattern(url);
        _patternVisits[pattern] = _patternVisits.GetValueOrDefault(pattern) + 1;
        return _patternVisits[pattern] <= VisitsPerPattern;
    }

    private List<string> Harvest(HtmlPage page, int depth)
    {
        var next = new List<string>();
        foreach (var link in page.Document.QuerySelectorAll("a[href]"))
        {
            var href = link.GetAttribute("href")!.Split('#')[0];
            if (href.StartsWith('/') && !href.StartsWith("//", StringComparison.Ordinal))
            {
                NoteQuery(href);
                next.Add(href);
            }
        }

        foreach (var form in page.Document.QuerySelectorAll("form").OfType<IHtmlFormElement>())
        {
            var action = form.GetAttribute("action") is { Length: > 0 } a ? a : page.Url;
            if (!action.StartsWith('/') || action.StartsWith("/deconnexion", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            var fields = Fields(form);
            if (AnyToken is null && fields.FirstOrDefault(f => f.Name == TokenName) is { } token)
            {
                AnyToken = token.Value;
            }

            if (!string.Equals(form.Method, "post", StringComparison.OrdinalIgnoreCase))
            {
                // A GET form (a search, a filter): what it offers becomes an address to visit.
                var query = fields.Where(f => f.Kind is not ("checkbox" or "radio") || f.Value.Length > 0)
                    .Select(f => new KeyValuePair<string, string>(f.Name, f.Value.Length > 0 ? f.Value : f.Options.FirstOrDefault(o => o.Length > 0) ?? string.Empty));
                var url = WithQuery(action, [.. Query(action), .. query]);
                NoteQuery(url);
                next.Add(url);
                continue;
            }

            var buttons = form.QuerySelectorAll("button, input[type=submit]")
                .Where(b => !string.Equals(b.GetAttribute("type"), "button", StringComparison.OrdinalIgnoreCase))
                .ToList();
            if (buttons.Count == 0)
            {
                AddForm(new CrawledForm(page.Url, action, fields, null, depth));
            }

            foreach (var button in buttons)
            {
                var target = button.GetAttribute("formaction") is { Length: > 0 } f ? f : action;
                var name = button.GetAttribute("name");
                AddForm(new CrawledForm(page.Url, target, fields, string.IsNullOrEmpty(name) ? null : new(name, button.GetAttribute("value") ?? string.Empty), depth));
            }
        }

        return next;
    }

    private void NoteQuery(string url)
    {
        var pattern = Pattern(url).Split('?')[0];
        if (!QueryNames.TryGetValue(pattern, out var names))
        {
            QueryNames[pattern] = names = [];
        }

        foreach (var (key, _) in Query(url))
        {
            names.Add(key);
        }
    }

    private void AddForm(CrawledForm form)
    {
        // The same form on another family, child or day is the same code: kept once.
        var names = form.Fields.Select(f => IndexPattern().Replace(f.Name, "[n]")).Distinct().Order(StringComparer.Ordinal);
        var button = form.Button is { } b ? b.Key + "=" + DigitsPattern().Replace(GuidPattern().Replace(b.Value, "{id}"), "n") : string.Empty;
        var key = Pattern(form.Action) + "|" + button + "|" + string.Join(",", names);
        if (_formKeys.Add(key))
        {
            Forms.Add(form);
        }
    }

    private static List<CrawledField> Fields(IHtmlFormElement form)
    {
        var fields = new List<CrawledField>();
        foreach (var element in form.QuerySelectorAll("input, select, textarea"))
        {
            var name = element.GetAttribute("name");
            if (string.IsNullOrEmpty(name))
            {
                continue;
            }

            switch (element)
            {
                case IHtmlInputElement { Type: "submit" or "button" or "image" or "reset" }:
                    break;
                case IHtmlInputElement { Type: "checkbox" or "radio" } box:
                    fields.Add(new CrawledField(name, box.IsChecked ? box.Value : string.Empty, box.Type, [box.Value]));
                    break;
                case IHtmlInputElement input:
                    fields.Add(new CrawledField(name, input.Value, input.Type ?? "text", []));
                    break;
                case IHtmlSelectElement select:
                    fields.Add(new CrawledField(name, select.Value ?? string.Empty, "select", [.. select.Options.Select(o => o.Value)]));
                    break;
                case IHtmlTextAreaElement area:
                    fields.Add(new CrawledField(name, area.Value, "textarea", []));
                    break;
            }
        }

        return fields;
    }

    [GeneratedRegex("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")]
    private static partial Regex GuidPattern();

    [GeneratedRegex(@"\d+")]
    private static partial Regex DigitsPattern();

    [GeneratedRegex(@"\[\d+\]")]
    private static partial Regex IndexPattern();
}

/// <summary>
/// The shapes of bad input a careless user or an attacker sends, applied to a form found by
/// <see cref="PortalCrawler"/>: each field in turn, then the whole form.
/// </summary>
public static partial class BadInput
{
    public static readonly string Emoji = string.Concat(Enumerable.Repeat("😀", 50));

    public static readonly string Oversized = new('é', 20_000);

    /// <summary>Shapes for one text field: value → bad value.</summary>
    public static readonly (string Shape, Func<string, string> Make)[] TextShapes =
    [
        ("octet NUL, caractères de contrôle et emoji", v => (v.Length > 0 ? v[..1] + "\0" + v[1..] : "\0") + "\u0001\u001B\u007F\u0085" + Emoji),
        ("texte trop long", _ => Oversized),
    ];

    public static readonly string[] Dates = ["01/01/0001", "31/02/2026"];

    public static readonly string[] Numbers = ["-1", "99999999999999999999999999"];

    private static readonly string[] DateWords = ["date", "start", "end", "opens", "closes", "birth", "updatedon", "jour"];

    private static readonly string[] NumberWords = ["places", "capacity", "price", "amount", "income", "parts", "age", "days", "quotient", "min", "max", "page"];

    /// <summary>Values for a query parameter.</summary>
    public static readonly string[] QueryValues = ["a\0\u0001b😀", "-1", "99999999999", "0001-01", new string('é', 3000)];

    /// <summary>What a user would type in an empty field, from its name and kind.</summary>
    public static string Filler(CrawledField field, DateOnly today)
    {
        var name = field.Name.ToLowerInvariant();
        if (field.Kind == "email" || name.Contains("email", StringComparison.Ordinal))
        {
            return $"essai-{Guid.NewGuid():N}@test.example";
        }

        if (field.Kind == "password" || name.Contains("password", StringComparison.Ordinal) || name.Contains("confirmation", StringComparison.Ordinal))
        {
            return TestData.Password;
        }

        if (name.Contains("phone", StringComparison.Ordinal))
        {
            return "0476000000";
        }

        if (name.Contains("postal", StringComparison.Ordinal))
        {
            return "38000";
        }

        if (name.Contains("birth", StringComparison.Ordinal))
        {
            return today.AddYears(-6).ToString("dd/MM/yyyy", CultureInfo.InvariantCulture);
        }

        if (IsDate(field))
        {
            return today.AddDays(14).ToString("dd/MM/yyyy", CultureInfo.InvariantCulture);
        }

        if (field.Kind == "time" || name.Contains("time", StringComparison.Ordinal) || name.Contains("heure", StringComparison.Ordinal))
        {
            return "10:00";
        }

        if (IsNumber(field))
        {
            return "10";
        }

        return "Essai";
    }

    public static bool IsDate(CrawledField field)
    {
        var name = field.Name.ToLowerInvariant();
        return field.Kind == "date" || DatePattern().IsMatch(field.Value)
            || DateWords.Any(w => name.Contains(w, StringComparison.Ordinal));
    }

    public static bool IsNumber(CrawledField field)
    {
        var name = field.Name.ToLowerInvariant();
        return field.Kind == "number" || NumberPattern().IsMatch(field.Value)
            || NumberWords.Any(w => name.Contains(w, StringComparison.Ordinal));
    }

    /// <summary>The fields as a browser sends them, empty fields filled as a user would.</summary>
    public static List<KeyValuePair<string, string>> Baseline(CrawledForm form, DateOnly today)
    {
        var fields = new List<KeyValuePair<string, string>>();
        var radios = new HashSet<string>();
        foreach (var field in form.Fields)
        {
            switch (field.Kind)
            {
                case "checkbox":
                    if (field.Value.Length > 0)
                    {
                        fields.Add(new(field.Name, field.Value));
                    }

                    break;
                case "radio":
                    if (field.Value.Length > 0 || (!form.Fields.Any(f => f.Name == field.Name && f.Value.Length > 0) && radios.Add(field.Name)))
                    {
                        fields.Add(new(field.Name, field.Value.Length > 0 ? field.Value : field.Options[0]));
                    }

                    break;
                case "select":
                    fields.Add(new(field.Name, field.Value.Length > 0 ? field.Value : field.Options.FirstOrDefault(o => o.Length > 0) ?? string.Empty));
                    break;
                case "hidden" or "file":
                    fields.Add(new(field.Name, field.Value));
                    break;
                default:
                    fields.Add(new(field.Name, field.Value.Length > 0 ? field.Value : Filler(field, today)));
                    break;
            }
        }

        if (form.Button is { } button)
        {
            fields.Add(button);
        }

        return fields;
    }

    /// <summary>Every bad shape of a form: (shape, action, fields).</summary>
    public static IEnumerable<(string Shape, string Action, List<KeyValuePair<string, string>> Fields)> Shapes(CrawledForm form, DateOnly today)
    {
        var baseline = Baseline(form, today);
        var editable = baseline.Select((f, i) => (f, i)).Where(p => p.f.Key != PortalCrawler.TokenName && p.f.Key != form.Button?.Key).ToList();
        // The rows of a list are the same code: each field is tried in the first row only.
        foreach (var (field, index) in editable.DistinctBy(p => IndexPattern().Replace(p.f.Key, "[n]")))
        {
            var crawled = form.Fields.FirstOrDefault(f => f.Name == field.Key);
            foreach (var (shape, make) in crawled?.Kind == "hidden" ? TextShapes[..1] : TextShapes)
            {
                yield return ($"{field.Key} : {shape}", form.Action, Replace(baseline, index, make(field.Value)));
            }

            if (crawled is not null && IsDate(crawled))
            {
                foreach (var date in Dates)
                {
                    yield return ($"{field.Key} : date {date}", form.Action, Replace(baseline, index, date));
                }
            }

            if (crawled is not null && IsNumber(crawled) && crawled.Kind is not ("select" or "radio"))
            {
                foreach (var number in Numbers)
                {
                    yield return ($"{field.Key} : nombre {number}", form.Action, Replace(baseline, index, number));
                }
            }
        }

        // The widest period: the first date of the form in year 1, the last in year 9999.
        var dates = editable.Where(p => form.Fields.FirstOrDefault(f => f.Name == p.f.Key) is { } c && IsDate(c)).ToList();
        if (dates.Count >= 2)
        {
            var wide = Replace(Replace(baseline, dates[0].i, "01/01/0001"), dates[^1].i, "31/12/9999");
            yield return ("dates 01/01/0001 – 31/12/9999", form.Action, wide);
        }

        yield return ("champs absents", form.Action, [.. baseline.Where(f => f.Key == PortalCrawler.TokenName || f.Key == form.Button?.Key)]);

        // A list's explicit index naming an element that has no field: a null element.
        var lists = baseline.Select(f => ListPrefix().Match(f.Key)).Where(m => m.Success).Select(m => m.Groups[1].Value).Distinct().ToList();
        var nulls = new List<KeyValuePair<string, string>>(baseline);
        nulls.AddRange(lists.Select(p => new KeyValuePair<string, string>(p + ".index", "zz")));
        nulls.AddRange(baseline.Where(f => f.Key != PortalCrawler.TokenName).Select(f => new KeyValuePair<string, string>(f.Key, string.Empty)));
        yield return ("éléments de liste nuls", form.Action, nulls);
        foreach (var list in lists)
        {
            yield return ($"{list}.index seul", form.Action, [.. baseline.Where(f => !f.Key.StartsWith(list + "[", StringComparison.Ordinal)), new(list + ".index", "0")]);
        }

        var query = PortalCrawler.Query(form.Action).Where(p => !p.Key.Equals("handler", StringComparison.OrdinalIgnoreCase));
        yield return ("gestionnaire inconnu", PortalCrawler.WithQuery(form.Action, [.. query, new("handler", "Nope")]), baseline);
    }

    private static List<KeyValuePair<string, string>> Replace(List<KeyValuePair<string, string>> fields, int index, string value)
    {
        var copy = new List<KeyValuePair<string, string>>(fields);
        copy[index] = new(copy[index].Key, value);
        return copy;
    }

    public static string Describe(IEnumerable<ServerError> errors)
    {
        var text = new StringBuilder();
        foreach (var error in errors)
        {
            text.AppendLine(error.ToString());
        }

        return text.ToString();
    }

    [GeneratedRegex(@"^\d{1,2}/\d{1,2}/\d{4}$")]
    private static partial Regex DatePattern();

    [GeneratedRegex(@"^-?\d+([,.]\d+)?$")]
    private static partial Regex NumberPattern();

    [GeneratedRegex(@"^(.+?)\[\d+\]")]
    private static partial Regex ListPrefix();

    [GeneratedRegex(@"\[\d+\]")]
    private static partial Regex IndexPattern();
}
