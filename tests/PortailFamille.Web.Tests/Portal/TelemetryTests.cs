using System.Diagnostics.Metrics;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
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
    public async Task The_portal_counts_the_cells_families_save_and_serves_its_metrics_beside_the_requests_and_the_runtime()
    {
        var matin = await UnitAsync(factory, Wednesday, "Matin");
        var asking = await EnrolAsync(factory, Wednesday);
        var days = await OpenDaysAsync(factory, asking.RegistrationId, 3);
        // The measures of this portal's meter only: test hosts running beside it in the same
        // process have meters of the same name (a portal in production is alone in its process).
        var meters = factory.Services.GetRequiredService<IMeterFactory>();
        long saved = 0;
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, listening) =>
            {
                if (ReferenceEquals(instrument.Meter.Scope, meters) && instrument.Name == "portail.reservations.cells")
                {
                    listening.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            foreach (var tag in tags)
            {
                if (tag is { Key: "outcome", Value: "saved" })
                {
                    Interlocked.Add(ref saved, value);
                }
            }
        });
        listener.Start();

        await RequestAsync(factory, asking, matin, [.. days]);
        using var client = factory.NewClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health")).Status);
        using var response = await client.Http.GetAsync("/metrics");
        var text = await response.Content.ReadAsStringAsync();

        Assert.Equal(3, Interlocked.Read(ref saved));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("portail_reservations_cells_total{", text, StringComparison.Ordinal);
        Assert.Contains("portail_mails_waiting", text, StringComparison.Ordinal);
        Assert.Contains("http_server_request_duration_seconds", text, StringComparison.Ordinal);
        Assert.Contains("dotnet_gc_", text, StringComparison.Ordinal);
    }
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
