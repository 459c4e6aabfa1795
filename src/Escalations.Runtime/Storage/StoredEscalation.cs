using Azure;
using Escalations.Domain;

namespace Escalations.Runtime.Storage;

/// <summary>An escalation as stored, with the ETag a later write must present.</summary>
public sealed record StoredEscalation(Escalation State, ETag ETag);
