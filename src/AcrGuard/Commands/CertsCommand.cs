using System.CommandLine;
using System.Net;
using AcrGuard.Certificates;

namespace AcrGuard.Commands;

/// <summary><c>acrguard certs</c>: a private CA and the webhook's serving certificate, as PEM files.</summary>
public static class CertsCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr, TimeProvider clock)
    {
        var outDir = new Option<string>("--out") { Description = "Directory to write ca.crt, tls.crt and tls.key into (created if missing)", Required = true };
        var service = new Option<string>("--service") { Description = "The webhook's Service name", DefaultValueFactory = _ => "acrguard" };
        var ns = new Option<string>("--namespace") { Description = "The Service's namespace", DefaultValueFactory = _ => "acrguard-system" };
        var days = DaysOption();
        var dns = new Option<string[]>("--dns") { Description = "An extra DNS name for the serving certificate (repeatable)", Arity = ArgumentArity.ZeroOrMore };
        var ips = IpOption();
        var keepCaKey = new Option<bool>("--keep-ca-key") { Description = "Also write ca.key, to sign a renewed serving certificate with the same CA" };

        var command = new Command("certs", "Make a CA and a serving certificate for the webhook's Service (PEM files)")
        {
            outDir, service, ns, days, dns, ips, keepCaKey,
        };
        command.SetAction(result =>
        {
            var spec = new ServingCertificateSpec(
                result.GetRequiredValue(service),
                result.GetRequiredValue(ns),
                result.GetValue(dns) ?? [],
                [.. (result.GetValue(ips) ?? []).Select(IPAddress.Parse)],
                result.GetValue(days));
            return Issue(spec, result.GetRequiredValue(outDir), result.GetValue(keepCaKey), clock.GetUtcNow(), stdout, stderr);
        });
        return command;
    }

    private static Option<int> DaysOption()
    {
        var days = new Option<int>("--days") { Description = "Validity of both certificates, in days", DefaultValueFactory = _ => 365 };
        days.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() <= 0)
            {
                result.AddError("--days must be a positive number of days");
            }
        });
        return days;
    }

    private static Option<string[]> IpOption()
    {
        var ips = new Option<string[]>("--ip") { Description = "An IP address for the serving certificate (repeatable)", Arity = ArgumentArity.ZeroOrMore };
        ips.Validators.Add(result =>
        {
            foreach (var value in result.GetValueOrDefault<string[]>() ?? [])
            {
                if (!IsIpAddress(value))
                {
                    result.AddError($"--ip {value}: not an IPv4 or IPv6 address");
                }
            }
        });
        return ips;
    }

    /// <summary>Issues the pair, writes the files and names them; exit 2 when the directory cannot be written.</summary>
    private static int Issue(ServingCertificateSpec spec, string directory, bool keepCaKey, DateTimeOffset now, TextWriter stdout, TextWriter stderr)
    {
        using var issued = CertificateIssuer.Issue(spec, now);
        IReadOnlyList<string> written;
        try
        {
            written = CertificateFiles.Write(directory, issued, keepCaKey);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            stderr.WriteLine($"acrguard: cannot write the certificates to {directory}: {e.Message}");
            return AcrGuardCli.UsageError;
        }

        foreach (var path in written)
        {
            stdout.WriteLine($"wrote {path}");
        }

        stdout.WriteLine($"serving certificate for {string.Join(", ", spec.DnsNames.Concat(spec.IpAddresses.Select(ip => ip.ToString())))}, valid {spec.Days} days");
        return 0;
    }

    /// <summary>
    /// Strict: <see cref="IPAddress.TryParse(string?, out IPAddress?)"/> also takes inet_aton's short forms
    /// ("1.2.3" is 1.2.0.3), which are typos far more often than intent, so an IPv4 address must read back as written.
    /// </summary>
    private static bool IsIpAddress(string value) =>
        IPAddress.TryParse(value, out var address)
        && (address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 || address.ToString() == value);
}
