using Azure;
using Escalations.Domain;

namespace Escalations.Runtime.Storage;

/// <summary>
/// An escalation as stored, with the ETag a later write must present and the trace its intake started
/// (<c>traceparent</c>; null on rows written before traces were kept).
/// </summary>
public sealed record StoredEscalation(Escalation State, ETag ETag, string? TraceParent = null);
