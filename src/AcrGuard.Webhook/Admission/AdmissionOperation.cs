namespace AcrGuard.Webhook.Admission;

/// <summary>The operations kube-apiserver sends to admission webhooks.</summary>
public enum AdmissionOperation
{
    Create,
    Update,
    Delete,
    Connect,
}

/// <summary>The operations as kube-apiserver spells them, for logs and metric labels without allocating.</summary>
public static class AdmissionOperationNames
{
    public static string WireName(this AdmissionOperation operation) => operation switch
    {
        AdmissionOperation.Create => "CREATE",
        AdmissionOperation.Update => "UPDATE",
        AdmissionOperation.Delete => "DELETE",
        _ => "CONNECT",
    };
}
