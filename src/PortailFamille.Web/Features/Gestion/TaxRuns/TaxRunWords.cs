namespace PortailFamille.Web.Features.Gestion.TaxRuns;

/// <summary>The words of the tax certificates run's pages.</summary>
public static class TaxRunWords
{
    public static string Status(TaxCertificateRunStatus status) => status switch
    {
        TaxCertificateRunStatus.Queued => "En attente",
        TaxCertificateRunStatus.Running => "En cours",
        TaxCertificateRunStatus.Done => "Terminée",
        TaxCertificateRunStatus.Failed => "Arrêtée sur une erreur",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };

    /// <summary>"1 250 famille(s) traitée(s) sur 20 000".</summary>
    public static string Progress(TaxCertificateRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        return $"{Count(run.FamiliesDone)} famille(s) traitée(s) sur {Count(run.FamiliesTotal)}";
    }

    public static string Count(int value) => Infrastructure.FrenchNumbers.Count(value);
}
