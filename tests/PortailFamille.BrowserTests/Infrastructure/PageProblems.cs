using Microsoft.Playwright;

namespace PortailFamille.BrowserTests.Infrastructure;

/// <summary>
/// Records what a person would not see but a page still got wrong: a portal request that
/// failed (a missing stylesheet, a 500) or an error in the browser console (a refused CSP).
/// </summary>
public sealed class PageProblems
{
    private readonly List<string> _problems = [];

    public static PageProblems Watch(IBrowserContext context, string origin)
    {
        var problems = new PageProblems();
        context.Response += (_, response) =>
        {
            if (response.Status >= 400 && response.Url.StartsWith(origin, StringComparison.Ordinal))
            {
                problems.Add($"HTTP {response.Status} {response.Request.Method} {response.Url}");
            }
        };
        context.Console += (_, message) =>
        {
            // A failed request is already recorded, with its address, by the Response handler.
            if (message.Type == "error" && !message.Text.StartsWith("Failed to load resource", StringComparison.Ordinal))
            {
                problems.Add($"console : {message.Text} ({message.Location})");
            }
        };
        context.WebError += (_, error) => problems.Add($"erreur JavaScript : {error.Error}");
        return problems;
    }

    public void AssertNone() =>
        Assert.True(_problems.Count == 0, "Problèmes relevés par le navigateur :" + Environment.NewLine + string.Join(Environment.NewLine, Snapshot()));

    private void Add(string problem)
    {
        lock (_problems)
        {
            _problems.Add(problem);
        }
    }

    private List<string> Snapshot()
    {
        lock (_problems)
        {
            return [.. _problems];
        }
    }
}
