using k8s.Models;

namespace AcrGuard.Commands;

/// <summary>
/// A byte count as a flag takes it, written as a Kubernetes quantity (<c>50331648</c>, <c>48Mi</c>,
/// <c>1Gi</c>), the way a memory limit is written: KubernetesClient's <see cref="ResourceQuantity"/> reads it.
/// </summary>
internal static class ByteSize
{
    public static bool TryParse(string text, out long bytes)
    {
        bytes = 0;
        try
        {
            var quantity = new ResourceQuantity(text).ToDecimal();
            if (quantity < 0 || quantity > long.MaxValue || quantity != decimal.Truncate(quantity))
            {
                return false;
            }

            bytes = (long)quantity;
            return true;
        }
        catch (Exception e) when (e is FormatException or ArgumentException or OverflowException)
        {
            return false;
        }
    }
}
