using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace AcrGuard.Tests;

/// <summary><c>acrguard certs</c>: the files the static-certs overlay and the Deployment rely on, and its usage errors.</summary>
public class CertsCommandTests
{
    private string _out = null!;

    [SetUp]
    public void MakeOutputDirectory() => _out = Path.Combine(Directory.CreateTempSubdirectory("acrguard-certs-").FullName, "certs");

    [TearDown]
    public void RemoveOutputDirectory() => Directory.Delete(Path.GetDirectoryName(_out)!, recursive: true);

    private string Out(string name) => Path.Combine(_out, name);

    [Test]
    public void Writes_ca_tls_certificate_and_key_but_not_the_ca_key_by_default()
    {
        var run = CliRun.Of("certs", "--out", _out);

        Assert.Multiple(() =>
        {
            Assert.That(run.ExitCode, Is.Zero, run.Stderr);
            Assert.That(Directory.GetFiles(_out).Select(Path.GetFileName), Is.EquivalentTo(new[] { "ca.crt", "tls.crt", "tls.key" }));
            Assert.That(File.ReadAllText(Out("tls.key")), Does.StartWith("-----BEGIN PRIVATE KEY-----"));
            Assert.That(run.Stdout, Does.Contain($"wrote {Out("tls.key")}"));
            Assert.That(run.Stderr, Is.Empty);
        });
        if (!OperatingSystem.IsWindows())
        {
            Assert.That(File.GetUnixFileMode(Out("tls.key")), Is.EqualTo(UnixFileMode.UserRead | UnixFileMode.UserWrite));
        }
    }

    [Test]
    public void Keep_ca_key_writes_the_ca_key_matching_the_ca()
    {
        var run = CliRun.Of("certs", "--out", _out, "--keep-ca-key");

        Assert.That(run.ExitCode, Is.Zero, run.Stderr);
        using var ca = X509Certificate2.CreateFromPemFile(Out("ca.crt"), Out("ca.key"));
        Assert.That(ca.HasPrivateKey, Is.True);
    }

    [Test]
    public void Serving_certificate_chains_to_the_written_ca_only()
    {
        Assert.That(CliRun.Of("certs", "--out", _out).ExitCode, Is.Zero);
        using var ca = X509CertificateLoader.LoadCertificateFromFile(Out("ca.crt"));
        using var serving = X509CertificateLoader.LoadCertificateFromFile(Out("tls.crt"));

        Assert.Multiple(() =>
        {
            Assert.That(Chains(serving, ca), Is.True, "the serving certificate must validate against ca.crt");
            Assert.That(ca.Extensions.OfType<X509BasicConstraintsExtension>().Single().CertificateAuthority, Is.True);
            Assert.That(ca.Extensions.OfType<X509KeyUsageExtension>().Single().KeyUsages.HasFlag(X509KeyUsageFlags.KeyCertSign), Is.True);
            Assert.That(
                serving.Extensions.OfType<X509EnhancedKeyUsageExtension>().Single().EnhancedKeyUsages.Cast<Oid>().Select(o => o.Value),
                Is.EquivalentTo(new[] { "1.3.6.1.5.5.7.3.1" }));
        });

        // A second run makes a new CA: the first serving certificate must not validate against it.
        var other = Path.Combine(Path.GetDirectoryName(_out)!, "other");
        Assert.That(CliRun.Of("certs", "--out", other).ExitCode, Is.Zero);
        using var otherCa = X509CertificateLoader.LoadCertificateFromFile(Path.Combine(other, "ca.crt"));
        Assert.That(Chains(serving, otherCa), Is.False);
    }

    [Test]
    public void Serving_certificate_names_the_service_in_every_form_plus_extra_names_and_addresses()
    {
        var run = CliRun.Of("certs", "--out", _out, "--service", "guard", "--namespace", "sec", "--dns", "guard.example.com", "--ip", "10.1.2.3", "--ip", "::1");

        Assert.That(run.ExitCode, Is.Zero, run.Stderr);
        using var serving = X509CertificateLoader.LoadCertificateFromFile(Out("tls.crt"));
        var san = serving.Extensions.OfType<X509SubjectAlternativeNameExtension>().Single();
        Assert.Multiple(() =>
        {
            Assert.That(san.EnumerateDnsNames(), Is.EqualTo(new[] { "guard", "guard.sec", "guard.sec.svc", "guard.sec.svc.cluster.local", "guard.example.com" }));
            Assert.That(san.EnumerateIPAddresses(), Is.EquivalentTo(new[] { IPAddress.Parse("10.1.2.3"), IPAddress.IPv6Loopback }));
            Assert.That(serving.MatchesHostname("guard.sec.svc"), Is.True);
        });
    }

    [Test]
    public void Defaults_name_the_acrguard_service_in_acrguard_system_for_365_days()
    {
        var before = DateTime.UtcNow;
        Assert.That(CliRun.Of("certs", "--out", _out).ExitCode, Is.Zero);
        using var serving = X509CertificateLoader.LoadCertificateFromFile(Out("tls.crt"));

        Assert.Multiple(() =>
        {
            Assert.That(serving.MatchesHostname("acrguard.acrguard-system.svc"), Is.True);
            Assert.That(serving.NotAfter.ToUniversalTime(), Is.EqualTo(before.AddDays(365)).Within(TimeSpan.FromMinutes(1)));
            Assert.That(serving.NotBefore.ToUniversalTime(), Is.LessThan(before), "backdated for clock skew");
        });
    }

    [Test]
    public void Key_belongs_to_the_serving_certificate()
    {
        Assert.That(CliRun.Of("certs", "--out", _out).ExitCode, Is.Zero);
        using var serving = X509CertificateLoader.LoadCertificateFromFile(Out("tls.crt"));
        using var key = ECDsa.Create();
        key.ImportFromPem(File.ReadAllText(Out("tls.key")));
        using var certificateKey = serving.GetECDsaPublicKey()!;
        var data = "admission"u8.ToArray();

        Assert.Multiple(() =>
        {
            Assert.That(key.ExportSubjectPublicKeyInfo(), Is.EqualTo(serving.PublicKey.ExportSubjectPublicKeyInfo()));
            Assert.That(certificateKey.VerifyData(data, key.SignData(data, HashAlgorithmName.SHA256), HashAlgorithmName.SHA256), Is.True);
        });
    }

    [TestCase("0")]
    [TestCase("-3")]
    public void Days_not_positive_is_a_usage_error(string days)
    {
        var run = CliRun.Of("certs", "--out", _out, "--days", days);

        Assert.Multiple(() =>
        {
            Assert.That(run.ExitCode, Is.EqualTo(2));
            Assert.That(run.Stderr, Does.Contain("--days must be a positive number of days"));
            Assert.That(Directory.Exists(_out), Is.False);
        });
    }

    [TestCase("1.2.3")]
    [TestCase("10.0.0.256")]
    [TestCase("host.example")]
    public void Bad_ip_is_a_usage_error_naming_it(string ip)
    {
        var run = CliRun.Of("certs", "--out", _out, "--ip", ip);

        Assert.Multiple(() =>
        {
            Assert.That(run.ExitCode, Is.EqualTo(2));
            Assert.That(run.Stderr, Does.Contain($"--ip {ip}: not an IPv4 or IPv6 address"));
        });
    }

    [Test]
    public void Out_under_a_file_is_an_error_naming_the_directory()
    {
        var file = CliRun.TempFile("not-a-directory", "x");
        var target = Path.Combine(file, "certs");

        var run = CliRun.Of("certs", "--out", target);

        Assert.Multiple(() =>
        {
            Assert.That(run.ExitCode, Is.EqualTo(2));
            Assert.That(run.Stderr, Does.StartWith($"acrguard: cannot write the certificates to {target}: "));
            Assert.That(run.Stdout, Is.Empty);
        });
    }

    [Test]
    public void Out_is_required()
    {
        var run = CliRun.Of("certs");

        Assert.Multiple(() =>
        {
            Assert.That(run.ExitCode, Is.EqualTo(2));
            Assert.That(run.Stderr, Does.Contain("--out"));
        });
    }

    private static bool Chains(X509Certificate2 leaf, X509Certificate2 ca)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(ca);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.ApplicationPolicy.Add(new Oid("1.3.6.1.5.5.7.3.1"));
        return chain.Build(leaf);
    }
}
