using PortailFamille.Web.Features.Billing;

namespace PortailFamille.Web.Features.Gestion.Invoicing;

/// <summary>The words of the invoicing pages.</summary>
public static class InvoicingWords
{
    public static string Status(InvoicingRunStatus status) => status switch
    {
        InvoicingRunStatus.Queued => "En attente",
        InvoicingRunStatus.Running => "En cours",
        InvoicingRunStatus.Done => "Terminée",
        InvoicingRunStatus.Failed => "Arrêtée sur une erreur",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };

    /// <summary>"1 250 familles traitées sur 20 000".</summary>
    public static string Progress(InvoicingRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        return $"{Count(run.FamiliesDone)} famille(s) traitée(s) sur {Count(run.FamiliesTotal)}";
    }

    public static string Count(int value) => Infrastructure.FrenchNumbers.Count(value);
}
