namespace AcrGuard.Annotations;

/// <summary>
/// The annotation keys ECI reads to pull ACR images without a secret (ECI pod annotation
/// reference, "Pull images from ACR without a secret").
/// </summary>
public static class AcrAnnotationKeys
{
    public const string Prefix = "k8s.aliyun.com/acr-";

    public const string ServiceArns = "k8s.aliyun.com/acr-service-arns";
    public const string UserArns = "k8s.aliyun.com/acr-user-arns";
    public const string InstanceIds = "k8s.aliyun.com/acr-instance-ids";

    /// <summary>The singular form from older ACK Serverless docs; whether ECI still honours it is uncertain.</summary>
    public const string LegacyInstanceId = "k8s.aliyun.com/acr-instance-id";

    /// <summary>Every key ECI may act on, the legacy one included: these are the keys whose placement matters.</summary>
    public static readonly IReadOnlyList<string> All = [ServiceArns, UserArns, InstanceIds, LegacyInstanceId];

    private static readonly string[] Keys = [.. All];

    /// <summary><see cref="All"/> as a span: a loop over it allocates no enumerator, for the reader that asks of every key.</summary>
    internal static ReadOnlySpan<string> InOrder => Keys;

    public static bool IsPullKey(ReadOnlySpan<char> key) =>
        key is ServiceArns or UserArns or InstanceIds or LegacyInstanceId;

    public static bool IsArnKey(string key) => key is ServiceArns or UserArns;

    public static bool IsInstanceIdKey(string key) => key is InstanceIds or LegacyInstanceId;
}
