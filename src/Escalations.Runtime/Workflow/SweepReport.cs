namespace Escalations.Runtime.Workflow;

public sealed record SweepReport(int TimersFired, int OutboxesDrained, int IndexRowsPurged, int Failures);
