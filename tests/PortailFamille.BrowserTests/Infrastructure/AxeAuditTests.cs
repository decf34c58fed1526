namespace PortailFamille.BrowserTests.Infrastructure;

/// <summary>The accessibility check of the journeys must be able to fail.</summary>
[Collection(BrowserTestGroup.Name)]
public sealed class AxeAuditTests(BrowserPortal portal)
{
    [Fact]
    public async Task PageWithUnlabelledFieldAndImage_HasSeriousOrCriticalViolations()
    {
        await using var context = await portal.Browser.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.SetContentAsync("""
            <!DOCTYPE html><html lang="fr"><head><title>Essai</title></head>
            <body><main><h1>Essai</h1><img src="data:image/gif;base64,R0lGODlhAQABAAAAACw="><input type="text"></main></body></html>
            """);

        var audit = new AxeAudit();
        await audit.CheckAsync(page, "essai");

        Assert.Contains(audit.Violations, v => v.Contains("image-alt", StringComparison.Ordinal));
        Assert.Contains(audit.Violations, v => v.Contains("label", StringComparison.Ordinal));
        Assert.Throws<Xunit.Sdk.FailException>(audit.AssertNoSeriousViolation);
    }
}
