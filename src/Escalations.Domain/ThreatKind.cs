namespace Escalations.Domain;

public enum ThreatKind
{
    Bbb,
    Lawyer,
    SocialMedia,
}
