using Microsoft.Playwright;

namespace PortailFamille.BrowserTests.Infrastructure;

/// <summary>Where the browser tests leave what a person may want to look at: screenshots.</summary>
public static class Artifacts
{
    /// <summary>PORTAIL_ARTIFACTS if set (the test script points it at its output), else TestResults/screenshots beside the tests.</summary>
    public static string ScreenshotFolder =>
        Environment.GetEnvironmentVariable("PORTAIL_ARTIFACTS") is { Length: > 0 } folder
            ? folder
            : Path.Combine(AppContext.BaseDirectory, "TestResults", "screenshots");

    /// <summary>Saves a full-page screenshot and checks that a non-empty file was written.</summary>
    public static async Task<string> ScreenshotAsync(IPage page, string name)
    {
        Directory.CreateDirectory(ScreenshotFolder);
        var path = Path.Combine(ScreenshotFolder, name + ".png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
        var file = new FileInfo(path);
        Assert.True(file.Exists && file.Length > 0, $"La capture {path} n'a pas été écrite.");
        return path;
    }
}
