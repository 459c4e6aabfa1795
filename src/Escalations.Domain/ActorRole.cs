namespace Escalations.Domain;

public enum ActorRole
{
    Agent,
    Supervisor,
    Management,
    System,
}
