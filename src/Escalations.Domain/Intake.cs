namespace Escalations.Domain;

/// <summary>What the caller's request is about, as the agent reports it.</summary>
public enum RequestCategory
{
    General,
    /// <summary>A claim-related issue: Customer Service, not a TS&amp;R supervisor, handles it.</summary>
    Claim,
}

/// <summary>
/// A disclosure that takes the call out of the supervisor-request process. Deliberately an enum with no
/// payload: the customer is never asked about a condition and the model has nowhere to keep one.
/// </summary>
public enum Disclosure
{
    MedicalEmergency,
    HighRisk,
    RiskToPersons,
    MediaPolicy,
    AttorneyCall,
}

public enum ThreatKind
{
    Bbb,
    Lawyer,
    SocialMedia,
}

/// <summary>The protocol an excluded request is routed to (seed 000: "this process does not apply to").</summary>
public enum OtherProtocol
{
    PotentialRiskToPersons,
    MediaPolicy,
    AttorneyCall,
}

public enum MedicalScenario
{
    /// <summary>Scenario 1: the customer needs service.</summary>
    NeedsService,
    /// <summary>Scenario 2: a service request is already in progress; its claim severity must be set to Medical Emergency.</summary>
    ServiceRequestInProgress,
}

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

    public static bool IsMedical(Disclosure? disclosure) => disclosure is Disclosure.MedicalEmergency or Disclosure.HighRisk;
}
