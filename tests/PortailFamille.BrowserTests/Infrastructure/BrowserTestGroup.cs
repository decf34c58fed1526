namespace PortailFamille.BrowserTests.Infrastructure;

/// <summary>One portal and one Chromium for every browser test: starting them is the slow part.</summary>
[CollectionDefinition(Name)]
public sealed class BrowserTestGroup : ICollectionFixture<BrowserPortal>
{
    public const string Name = "Navigateur";
}
