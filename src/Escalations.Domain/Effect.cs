namespace Escalations.Domain;

/// <summary>A side effect a transition asks for. The runtime performs effects after the new state is stored.</summary>
public abstract record Effect;
