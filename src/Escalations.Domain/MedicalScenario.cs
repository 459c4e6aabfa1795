namespace Escalations.Domain;

public enum MedicalScenario
{
    /// <summary>Scenario 1: the customer needs service.</summary>
    NeedsService,
    /// <summary>Scenario 2: a service request is already in progress; its claim severity must be set to Medical Emergency.</summary>
    ServiceRequestInProgress,
}
