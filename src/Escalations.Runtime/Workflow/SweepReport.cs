namespace Escalations.Runtime.Workflow;

public sealed record SweepReport(int OutboxesDrained, int IndexRowsPurged, int Failures);
