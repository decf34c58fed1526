using PortailFamille.Web.Features.Gestion.Accounting;
using Quartz;

namespace PortailFamille.Web.Features.Gestion.Invoicing;

/// <summary>The invoicing services, its background worker and the accounting export.</summary>
public static class InvoicingSetup
{
    public static IServiceCollection AddInvoicing(this IServiceCollection services)
    {
        services.AddScoped<MonthlyInvoicing>();
        services.AddScoped<AccountingExport>();
        services.AddSingleton<InvoicingRuns>();
        services.AddQuartz(quartz =>
        {
            quartz.AddJob<InvoicingJob>(job => job.WithIdentity(InvoicingRuns.JobKey).StoreDurably());
            // Every minute, a run left by a stopped server is taken over (see InvoicingRuns.Lapse).
            quartz.AddTrigger(trigger => trigger
                .ForJob(InvoicingRuns.JobKey)
                .WithIdentity("facturation-reprise")
                .StartAt(DateTimeOffset.UtcNow.AddMinutes(1))
                .WithSimpleSchedule(schedule => schedule.WithInterval(TimeSpan.FromMinutes(1)).RepeatForever()));
        });
        return services;
    }
}
