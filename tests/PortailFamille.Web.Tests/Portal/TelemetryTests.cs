using System.Net;
using PortailFamille.Web.Tests.Infrastructure;
using static PortailFamille.Web.Tests.Reservations.GestionTestData;

namespace PortailFamille.Web.Tests.Portal;

/// <summary>
/// What operators watch: with <c>Telemetry:Prometheus</c> on, <c>/metrics</c> serves the
/// portal's own measures beside ASP.NET Core's and the runtime's; by default it serves nothing.
/// </summary>
public sealed class TelemetryTests(TelemetryTests.PrometheusFactory factory) : IClassFixture<TelemetryTests.PrometheusFactory>
{
    /// <summary>The portal with the Prometheus endpoint on.</summary>
    public sealed class PrometheusFactory : PortalFactory
    {
        protected override IDictionary<string, string?> ExtraSettings => new Dictionary<string, string?> { ["Telemetry:Prometheus"] = "true" };
    }

    [Fact]
    public async Task The_metrics_count_the_cells_families_save_beside_the_requests_and_the_runtime()
    {
        var matin = await UnitAsync(factory, Wednesday, "Matin");
        var asking = await EnrolAsync(factory, Wednesday);
        var days = await OpenDaysAsync(factory, asking.RegistrationId, 3);
        using var client = factory.NewClient();
        var before = SavedCells(await (await client.Http.GetAsync("/metrics")).Content.ReadAsStringAsync());

        await RequestAsync(factory, asking, matin, [.. days]);
        using var response = await client.Http.GetAsync("/metrics");
        var text = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(before + 3, SavedCells(text));
        Assert.Contains("http_server_request_duration_seconds", text, StringComparison.Ordinal);
        Assert.Contains("dotnet_gc_", text, StringComparison.Ordinal);
        Assert.Contains("portail_mails_waiting", text, StringComparison.Ordinal);
    }

    // The counter's line for saved cells ("portail_reservations_cells_total{…outcome="saved"…} 3 …"), 0 before the first.
    private static long SavedCells(string metrics) =>
        metrics.Split('\n')
            .Where(line => line.StartsWith("portail_reservations_cells_total{", StringComparison.Ordinal) && line.Contains("outcome=\"saved\"", StringComparison.Ordinal))
            .Select(line => long.Parse(line[(line.IndexOf('}', StringComparison.Ordinal) + 2)..].Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture))
            .SingleOrDefault();
}

/// <summary>Without telemetry settings, nothing is exported and <c>/metrics</c> does not exist.</summary>
public sealed class TelemetryOffTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task By_default_the_portal_serves_no_metrics()
    {
        using var client = factory.NewClient();

        var page = await client.GetAsync("/metrics");

        Assert.Equal(HttpStatusCode.NotFound, page.Status);
    }
}
