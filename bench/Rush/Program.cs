using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;

// Registration day against a running portal (bench/rush.sh starts it and checks the database):
// N families of the demo's rush seeding sign in through the real form, open Mes réservations
// on the same month of the same activity and click the same days, each click being the page's
// own request (antiforgery token, JSON answer with the cell). Prints one line per phase and
// writes, for the database check, the state each clicked cell must have and how many clicks
// on it were saved.
//
//   dotnet run --project bench/Rush -c Release -- BASE_URL FAMILIES SECONDS YYYY-MM EXPECTED.tsv
if (args.Length != 5)
{
    Console.Error.WriteLine("usage: Rush BASE_URL FAMILIES SECONDS YYYY-MM EXPECTED.tsv");
    return 2;
}

var baseUrl = new Uri(args[0]);
var familyCount = int.Parse(args[1], CultureInfo.InvariantCulture);
var duration = TimeSpan.FromSeconds(int.Parse(args[2], CultureInfo.InvariantCulture));
var month = args[3];
var expectedFile = args[4];
const string Password = "Demo-Rush-2026!";

var families = Enumerable.Range(1, familyCount).Select(n => new RushFamily(n, baseUrl)).ToList();
var reference = Enumerable.Range(1, 16).Select(n => new RushFamily(-n, baseUrl)).ToList();

// A few seconds unmeasured first: the portal's code is compiled and optimised as it runs.
await Load.RunAsync("warm-up", reference, TimeSpan.FromSeconds(3), f => f.GetAsync("/health"));
Console.WriteLine($"{"phase",-56} {"req/s",9} {"p50 ms",8} {"p95 ms",8} {"p99 ms",8} {"errors",7}");
(await Load.RunAsync("GET /health (reference), 16 at once", reference, duration, f => f.GetAsync("/health"))).Print();

var watch = Stopwatch.StartNew();
await Parallel.ForEachAsync(families, new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (family, _) => await family.SignInAsync(Password));
await Parallel.ForEachAsync(families, new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (family, _) => await family.OpenCalendarAsync(month));
Console.WriteLine($"{familyCount} families signed in through the form and opened Mes réservations ({month}, {families[0].Cells.Count} free cells each) in {watch.Elapsed.TotalSeconds:F1} s");

(await Load.RunAsync("Calendar page, 16 families at once", families.Take(16).ToList(), duration, f => f.GetAsync(f.Page))).Print();
(await Load.RunAsync($"Calendar page, {familyCount} families at once", families, duration, f => f.GetAsync(f.Page))).Print();
var clicks = await Load.RunAsync($"Booking clicks, {familyCount} families at once, same days", families, duration, f => f.ClickAsync());
clicks.Print();
foreach (var (reason, count) in clicks.Refused.OrderByDescending(r => r.Value))
{
    Console.WriteLine($"  not saved ({count}): {reason}");
}

// Read back: every family's page shows each cell as its last answer said.
var mismatches = 0;
await Parallel.ForEachAsync(families, new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (family, _) => Interlocked.Add(ref mismatches, await family.ReadBackAsync()));
Console.WriteLine($"Read back through the pages: {mismatches} cell(s) differing from their last answer");

await using (var writer = new StreamWriter(expectedFile))
{
    foreach (var family in families)
    {
        foreach (var (cell, saved) in family.Saved)
        {
            var parts = cell.Split('|');
            await writer.WriteLineAsync($"{family.Registration}\t{parts[1]}\t{parts[0]}\t{family.States[cell]}\t{saved}");
        }
    }
}

Console.WriteLine($"saved clicks answered: {families.Sum(f => f.Saved.Values.Sum())}");
return mismatches == 0 ? 0 : 1;

/// <summary>What one request came to: saved, refused with the portal's reason, or an error.</summary>
internal readonly record struct Outcome(bool Error, string? Refusal = null)
{
    public static readonly Outcome Ok = new(false);
}

/// <summary>A phase's figures.</summary>
internal sealed record PhaseResult(string Label, int Requests, double Seconds, double[] Sorted, int Errors, IReadOnlyDictionary<string, int> Refused)
{
    public void Print() => Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"{Label,-56} {Requests / Seconds,9:F0} {At(0.50),8:F1} {At(0.95),8:F1} {At(0.99),8:F1} {Errors,7}"));

    private double At(double quantile) => Sorted.Length == 0 ? double.NaN : Sorted[Math.Min(Sorted.Length - 1, (int)(quantile * Sorted.Length))];
}

internal static class Load
{
    /// <summary>Each family repeats <paramref name="act"/> until the time is up, all at once; latencies in ms.</summary>
    public static async Task<PhaseResult> RunAsync(string label, IReadOnlyList<RushFamily> who, TimeSpan duration, Func<RushFamily, Task<Outcome>> act)
    {
        var latencies = new ConcurrentBag<double[]>();
        var refused = new ConcurrentDictionary<string, int>();
        var errors = 0;
        var start = Stopwatch.StartNew();
        await Task.WhenAll(who.Select(family => Task.Run(async () =>
        {
            var mine = new List<double>();
            while (start.Elapsed < duration)
            {
                var began = Stopwatch.GetTimestamp();
                Outcome outcome;
                try
                {
                    outcome = await act(family);
                }
                catch (HttpRequestException)
                {
                    outcome = new Outcome(true);
                }

                mine.Add(Stopwatch.GetElapsedTime(began).TotalMilliseconds);
                if (outcome.Error)
                {
                    Interlocked.Increment(ref errors);
                }
                else if (outcome.Refusal is { } reason)
                {
                    refused.AddOrUpdate(reason, 1, (_, n) => n + 1);
                }
            }

            latencies.Add([.. mine]);
        })));
        var seconds = start.Elapsed.TotalSeconds;
        var all = latencies.SelectMany(l => l).Order().ToArray();
        return new PhaseResult(label, all.Length, seconds, all, errors, refused);
    }
}

/// <summary>One family of the rush: its own connection, cookies, page and cells.</summary>
internal sealed partial class RushFamily(int number, Uri baseUrl) : IDisposable
{
    private readonly HttpClient _http = new(new SocketsHttpHandler
    {
        UseCookies = true,
        CookieContainer = new CookieContainer(),
        AllowAutoRedirect = false,
        MaxConnectionsPerServer = 1,
    })
    { BaseAddress = baseUrl, Timeout = TimeSpan.FromSeconds(60) };

    private int _clicks;

    public string Page { get; private set; } = "";

    public string Registration { get; private set; } = "";

    public List<string> Cells { get; } = [];

    /// <summary>Each cell's state as the portal last answered it: 0 free, 1 asked.</summary>
    public Dictionary<string, int> States { get; } = [];

    /// <summary>Clicks the portal answered as saved, per cell.</summary>
    public Dictionary<string, int> Saved { get; } = [];

    private string Token { get; set; } = "";

    public void Dispose() => _http.Dispose();

    public async Task<Outcome> GetAsync(string path)
    {
        using var response = await _http.GetAsync(path);
        await response.Content.LoadIntoBufferAsync();
        return response.StatusCode == HttpStatusCode.OK ? Outcome.Ok : new Outcome(true);
    }

    public async Task SignInAsync(string password)
    {
        var email = $"rush{number:D5}@demo.example";
        var form = await _http.GetStringAsync("/");
        using var response = await _http.PostAsync("/", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = TokenOf(form),
            ["Input.Email"] = email,
            ["Input.Password"] = password,
        }));
        if (response.Headers.Location?.ToString() != "/famille")
        {
            throw new InvalidOperationException($"{email}: sign-in answered {(int)response.StatusCode} {response.Headers.Location}");
        }
    }

    public async Task OpenCalendarAsync(string month)
    {
        var registrations = await _http.GetStringAsync("/famille/inscriptions");
        var child = ChildLink().Match(registrations).Value;
        var ofChild = await _http.GetStringAsync(WebUtility.HtmlDecode(child));
        Page = CalendarLink().Match(ofChild).Value + "?mois=" + month;
        Registration = Page["/famille/reservations/".Length..][..36];
        var html = await _http.GetStringAsync(Page);
        Token = TokenOf(html);
        foreach (var cell in FreeCell().Matches(html).Select(m => m.Groups[1].Value).Distinct())
        {
            Cells.Add(cell);
            States[cell] = 0;
        }

        if (Cells.Count == 0)
        {
            throw new InvalidOperationException($"Family {number}: no free cell on {Page}");
        }
    }

    /// <summary>Clicks the next day of the sequence every family follows, from the state last answered.</summary>
    public async Task<Outcome> ClickAsync()
    {
        var cell = Cells[_clicks++ % Cells.Count];
        var state = States[cell];
        using var request = new HttpRequestMessage(HttpMethod.Post, Page + "&handler=Case")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["__RequestVerificationToken"] = Token,
                ["case"] = $"{cell}|{state}",
            }),
        };
        request.Headers.Add("RequestVerificationToken", Token);
        using var response = await _http.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        if (response.StatusCode == HttpStatusCode.Conflict)
        {
            // The cell was not in the state sent: the only other state of the cycle.
            States[cell] = 1 - state;
            return new Outcome(false, "conflit (la case avait changé)");
        }

        if (response.StatusCode != HttpStatusCode.OK)
        {
            return new Outcome(true);
        }

        using var json = JsonDocument.Parse(body);
        var answered = json.RootElement.GetProperty("cell").GetProperty("value").GetString()!;
        States[cell] = int.Parse(answered[(answered.LastIndexOf('|') + 1)..], CultureInfo.InvariantCulture) == 0 ? 0 : 1;
        if (!json.RootElement.GetProperty("ok").GetBoolean())
        {
            return new Outcome(false, json.RootElement.GetProperty("message").GetString());
        }

        Saved[cell] = Saved.GetValueOrDefault(cell) + 1;
        return Outcome.Ok;
    }

    /// <summary>Opens the page again; returns how many clicked cells it shows in another state than last answered.</summary>
    public async Task<int> ReadBackAsync()
    {
        var html = await _http.GetStringAsync(Page);
        var shown = AnyCell().Matches(html).GroupBy(m => m.Groups[1].Value).ToDictionary(g => g.Key, g => g.First().Groups[2].Value == "0" ? 0 : 1);
        return States.Count(s => shown.GetValueOrDefault(s.Key, -1) != s.Value);
    }

    private static string TokenOf(string html) =>
        AntiforgeryField().Match(html) is { Success: true } match ? match.Groups[1].Value : throw new InvalidOperationException("No antiforgery token on the page.");

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();

    [GeneratedRegex("/famille/inscriptions\\?enfant=[0-9a-f-]{36}")]
    private static partial Regex ChildLink();

    [GeneratedRegex("/famille/reservations/[0-9a-f-]{36}")]
    private static partial Regex CalendarLink();

    [GeneratedRegex("value=\"([0-9]{4}-[0-9]{2}-[0-9]{2}\\|[0-9a-f-]{36})\\|0\"")]
    private static partial Regex FreeCell();

    [GeneratedRegex("value=\"([0-9]{4}-[0-9]{2}-[0-9]{2}\\|[0-9a-f-]{36})\\|([0-9]+)\"")]
    private static partial Regex AnyCell();
}
