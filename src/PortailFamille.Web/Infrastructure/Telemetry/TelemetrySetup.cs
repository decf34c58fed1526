using System.Net;
using Npgsql;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace PortailFamille.Web.Infrastructure.Telemetry;

/// <summary>
/// OpenTelemetry, off by default. <c>Telemetry:Otlp:Endpoint</c> (an OTLP collector's address)
/// sends metrics and traces there; <c>Telemetry:Prometheus=true</c> serves the metrics at
/// <c>/metrics</c> for a Prometheus on the same machine (loopback only: the figures are the
/// commune's business). Metrics: ASP.NET Core, HttpClient, Npgsql, the runtime and
/// <see cref="PortalMetrics"/>; traces: ASP.NET Core, HttpClient, EF Core and Npgsql. Logs carry
/// the request's trace id either way.
/// </summary>
public static class TelemetrySetup
{
    public const string MetricsPath = "/metrics";

    public static IServiceCollection AddPortalTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<PortalMetrics>();
        var otlp = OtlpEndpoint(configuration);
        var prometheus = configuration.GetValue<bool>("Telemetry:Prometheus");
        if (otlp is null && !prometheus)
        {
            return services;
        }

        var telemetry = services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService("portail-famille", serviceInstanceId: Environment.MachineName))
            .WithMetrics(metrics =>
            {
                metrics.AddAspNetCoreInstrumentation().AddHttpClientInstrumentation().AddRuntimeInstrumentation()
                    .AddMeter(PortalMetrics.MeterName, "Npgsql");
                if (prometheus)
                {
                    // A scrape every 15 s or so needs no cached answer, which would show it stale.
                    metrics.AddPrometheusExporter(o => o.ScrapeResponseCacheDurationMilliseconds = 0);
                }

                if (otlp is not null)
                {
                    metrics.AddOtlpExporter(o => o.Endpoint = otlp);
                }
            });
        if (otlp is not null)
        {
            telemetry.WithTracing(tracing => tracing
                .AddAspNetCoreInstrumentation().AddHttpClientInstrumentation().AddEntityFrameworkCoreInstrumentation().AddNpgsql()
                .AddOtlpExporter(o => o.Endpoint = otlp));
        }

        return services;
    }

    /// <summary>Serves <c>/metrics</c> when Prometheus is on, to loopback clients only.</summary>
    public static void UsePortalTelemetry(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        if (!app.Configuration.GetValue<bool>("Telemetry:Prometheus"))
        {
            return;
        }

        app.UseWhen(
            context => context.Request.Path.StartsWithSegments(MetricsPath) && context.Connection.RemoteIpAddress is { } address && !IPAddress.IsLoopback(address),
            refused => refused.Run(context =>
            {
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                return Task.CompletedTask;
            }));
        app.UseOpenTelemetryPrometheusScrapingEndpoint(MetricsPath);
    }

    private static Uri? OtlpEndpoint(IConfiguration configuration)
    {
        var endpoint = configuration["Telemetry:Otlp:Endpoint"];
        if (string.IsNullOrWhiteSpace(endpoint))
        {
            return null;
        }

        return Uri.TryCreate(endpoint, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
            ? uri
            : throw new InvalidOperationException($"Telemetry:Otlp:Endpoint « {endpoint} » n'est pas une adresse http(s) valide (par exemple http://collecteur:4317).");
    }
}
