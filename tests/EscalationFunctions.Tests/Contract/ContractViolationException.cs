namespace EscalationFunctions.Tests.Contract;

/// <summary>An answer the served OpenAPI document does not describe.</summary>
public sealed class ContractViolationException(string message) : Exception(message);
