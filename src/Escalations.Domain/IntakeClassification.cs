namespace Escalations.Domain;

/// <summary>The three kinds of request an intake can be, decided before any process step.</summary>
public abstract record IntakeClassification
{
    private IntakeClassification() { }

    public sealed record SupervisorRequest(bool ClaimRelated) : IntakeClassification;

    public sealed record MedicalTransfer(MedicalScenario Scenario) : IntakeClassification;

    public sealed record ExcludedType(OtherProtocol Protocol) : IntakeClassification;

    public static IntakeClassification Classify(EscalationRequested request) => request.Disclosure switch
    {
        Disclosure.MedicalEmergency or Disclosure.HighRisk => new MedicalTransfer(
            request.ServiceRequestInProgress ? MedicalScenario.ServiceRequestInProgress : MedicalScenario.NeedsService),
        Disclosure.RiskToPersons => new ExcludedType(OtherProtocol.PotentialRiskToPersons),
        Disclosure.MediaPolicy => new ExcludedType(OtherProtocol.MediaPolicy),
        Disclosure.AttorneyCall => new ExcludedType(OtherProtocol.AttorneyCall),
        null => new SupervisorRequest(request.Category == RequestCategory.Claim),
        _ => throw new ArgumentOutOfRangeException(nameof(request), request.Disclosure, "Unknown disclosure."),
    };
}
