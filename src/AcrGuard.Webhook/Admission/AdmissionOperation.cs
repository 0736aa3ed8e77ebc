namespace AcrGuard.Webhook.Admission;

/// <summary>The operations kube-apiserver sends to admission webhooks.</summary>
public enum AdmissionOperation
{
    Create,
    Update,
    Delete,
    Connect,
}
