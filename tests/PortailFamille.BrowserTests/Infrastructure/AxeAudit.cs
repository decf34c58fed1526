using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace PortailFamille.BrowserTests.Infrastructure;

/// <summary>
/// Runs axe on each page a journey visits and remembers its serious and critical violations,
/// so that one run lists the problems of every page rather than only of the first.
/// </summary>
public sealed class AxeAudit
{
    private static readonly string[] Blocking = ["serious", "critical"];
    private readonly List<string> _violations = [];

    public IReadOnlyList<string> Violations => _violations;

    /// <summary>Checks the page as it is now; <paramref name="label"/> names it in the failure.</summary>
    public async Task CheckAsync(IPage page, string? label = null)
    {
        var results = await page.RunAxe();
        foreach (var violation in results.Violations.Where(v => Blocking.Contains(v.Impact, StringComparer.OrdinalIgnoreCase)))
        {
            var targets = string.Join(" | ", violation.Nodes.Select(n => n.Target?.ToString()));
            _violations.Add($"{label ?? page.Url} — {violation.Impact} {violation.Id}: {violation.Help} [{targets}]");
        }
    }

    /// <summary>Fails the test with every serious or critical violation found so far.</summary>
    public void AssertNoSeriousViolation()
    {
        if (_violations.Count > 0)
        {
            Assert.Fail($"axe : {_violations.Count} violation(s) sérieuse(s) ou critique(s) :{Environment.NewLine}{string.Join(Environment.NewLine, _violations)}");
        }
    }

    /// <summary>Runs axe on the page and fails at once if it has a serious or critical violation.</summary>
    public static async Task AssertAccessibleAsync(IPage page)
    {
        var audit = new AxeAudit();
        await audit.CheckAsync(page);
        audit.AssertNoSeriousViolation();
    }
}
