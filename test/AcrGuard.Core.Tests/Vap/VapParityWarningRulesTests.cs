using AcrGuard.Core.Tests.Support;
using static AcrGuard.Core.Tests.Support.Fixtures;

namespace AcrGuard.Core.Tests.Vap;

/// <summary>
/// The rule tests' cases for AG008 to AG013, judged by the generated policies: the warning rules
/// warn where the webhook warns (through the warnings policy, which never denies), and deny as
/// errors where the configuration makes them errors.
/// </summary>
public class VapParityWarningRulesTests
{
    private const string ServiceKey = "k8s.aliyun.com/acr-service-arns";
    private const string UserKey = "k8s.aliyun.com/acr-user-arns";
    private const string IdsKey = "k8s.aliyun.com/acr-instance-ids";

    private static readonly Dictionary<string, string> Role = Ann((ServiceKey, ServiceArn));

    [TestCase("nginx:1.27")]
    [TestCase("library/nginx")]
    [TestCase("docker.io/bitnami/redis:7")]
    [TestCase("ghcr.io/acme/api:v2")]
    [TestCase("quay.io/prometheus/node-exporter:v1.8.0")]
    [TestCase("registry.k8s.io/pause:3.10")]
    [TestCase("us.gcr.io/acme/app:1")]
    [TestCase("mcr.microsoft.com/dotnet/aspnet:10.0")]
    [TestCase("public.ecr.aws/nginx/nginx:stable")]
    [TestCase("registry-cn-hangzhou.ack.aliyuncs.com/acs/coredns:v1.11")]
    [TestCase("nginx@sha256:0d17b565c37bcbd895e9d92315a05c1c3c9a29f762b011a10c54a66cd53c9b31")]
    public void Pull_annotations_with_only_non_acr_images_warn_with_AG008(string image)
    {
        var result = VapParity.Allows(Deployment(template: Role, image: image));

        Assert.That(result.Vap.Single().Message, Is.EqualTo(
            $"AG008 ACR pull annotations have no effect: every image is on a registry that is not ACR (e.g. Docker Hub); remove them or pull from ACR (at spec.template.metadata.annotations['{ServiceKey}'])"));
    }

    [TestCase("registry.cn-hangzhou.aliyuncs.com/acme/app:1")]
    [TestCase("registry-intl-vpc.ap-southeast-1.aliyuncs.com/acme/app:1")]
    [TestCase("crpi-abc123-vpc.cn-hangzhou.personal.cr.aliyuncs.com/acme/app:1")]
    [TestCase("test1234-registry-intl-vpc-internal.cn-hangzhou.cr.aliyuncs.com/acme/app:1")]
    [TestCase("registry.cn-hangzhou.aliyuncs.com:443/acme/app:1")]
    public void Acr_hosts_of_every_edition_are_acr_to_the_policies_too(string image) =>
        Assert.That(VapParity.Allows(Deployment(template: Role, image: image)).Vap, Is.Empty);

    [Test]
    public void One_acr_image_among_public_ones_does_not_warn_with_AG008() =>
        Assert.That(VapParity.Allows(Deployment(template: Role, image: "nginx:1.27", initImage: EnterpriseImage)).VapRules, Does.Not.Contain("AG008"));

    [Test]
    public void A_configured_custom_domain_counts_as_acr() =>
        Assert.That(VapParity.Allows(ImageCache(Ann((IdsKey, InstanceId))), Configs.CustomDomain()).Vap, Is.Empty);

    [Test]
    public void User_and_service_arns_in_one_account_warn_with_AG009()
    {
        var result = VapParity.Allows(Pod(Ann((ServiceKey, ServiceArn), (UserKey, "acs:ram::1609982529123456:role/role-acr"))));

        Assert.That(result.Vap.Single().Message, Does.StartWith($"AG009 {UserKey} and {ServiceKey} are both in account 1609982529123456: "));
    }

    [Test]
    public void The_first_user_role_whose_account_a_service_role_shares_is_named() =>
        VapParity.Allows(Pod(Ann(
            (ServiceKey, "acs:ram::1111111111111111:role/a, acs:ram::2222222222222222:role/b"),
            (UserKey, "acs:ram::3333333333333333:role/c, acs:ram::2222222222222222:role/d"))));

    [Test]
    public void Malformed_arns_are_left_to_AG005_not_AG009() =>
        Assert.That(VapParity.Denies("AG005", Pod(Ann((ServiceKey, "acs:ram::1609982529******:role/a"), (UserKey, "acs:ram::1609982529******:role/b")))).VapRules, Does.Not.Contain("AG009"));

    [Test]
    public void Arns_and_an_unknown_host_without_instance_ids_warn_with_AG010()
    {
        var result = VapParity.Allows(Deployment(template: Ann((ServiceKey, ServiceArn), (UserKey, UserArn)), image: CustomDomainImage));

        Assert.That(result.Vap.Single().Message, Is.EqualTo(
            "AG010 image host 'test1234-registry.example.com' is not a known ACR or public registry: if it is an Enterprise custom domain, "
            + $"add {IdsKey} and list it in registries.customDomains (at spec.template.spec.containers[0].image)"));
    }

    [Test]
    public void Images_on_one_unknown_host_are_one_warning_at_the_first_with_the_count() =>
        Assert.That(
            VapParity.Allows(Deployment(template: Role, image: CustomDomainImage, initImage: "test1234-registry.example.com/eci_test/migrate:1.0")).Vap.Single().Message,
            Does.Contain("(and 1 more image)"));

    [Test]
    public void The_first_of_two_unknown_hosts_is_one_of_the_webhooks_warnings() =>
        VapParity.Allows(Deployment(template: Role, image: "harbor.internal.example.org/team/app:1.0", initImage: CustomDomainImage));

    [Test]
    public void A_long_host_on_many_images_keeps_the_message_under_256_characters()
    {
        var host = "registry." + new string('a', 70) + ".example.com";
        var containers = string.Join("\n", Enumerable.Range(0, 120).Select(i => $"          - {{name: c{i}, image: {host}/team/app:{i}}}"));

        var result = VapParity.Allows($$"""
            apiVersion: batch/v1
            kind: CronJob
            metadata: {name: nightly, namespace: shop}
            spec:
              schedule: "0 2 * * *"
              jobTemplate:
                spec:
                  template:
                    metadata:
                      annotations: {k8s.aliyun.com/acr-service-arns: "{{ServiceArn}}"}
                    spec:
                      containers:
            {{containers}}
            """);

        Assert.That(result.Vap.Single().Message, Does.Contain("(and 119 more images)"));
    }

    [TestCase(IdsKey)]
    [TestCase("k8s.aliyun.com/acr-instance-id")]
    public void Instance_ids_present_silence_AG010(string key) =>
        Assert.That(VapParity.Allows(Deployment(template: Ann((ServiceKey, ServiceArn), (key, InstanceId)), image: CustomDomainImage)).VapRules, Does.Not.Contain("AG010"));

    [Test]
    public void A_configured_domain_is_judged_by_AG003_instead_of_AG010() =>
        Assert.That(VapParity.Denies("AG003", Deployment(template: Role, image: CustomDomainImage), Configs.CustomDomain()).VapRules, Is.EqualTo(new[] { "AG003" }));

    [Test]
    public void Without_arns_an_unknown_host_passes() =>
        Assert.That(VapParity.Allows(Deployment(image: CustomDomainImage)).Vap, Is.Empty);

    [Test]
    public void AG011_is_off_by_default() =>
        Assert.That(VapParity.Allows(Pod(Role, labels: null)).Vap, Is.Empty);

    [TestCase("warning")]
    [TestCase("error")]
    public void AG011_switched_on_fires_on_a_pod_with_no_eci_marker(string severity)
    {
        var result = VapParity.Check(Pod(Role, labels: null), Configs.WithRule("AG011", severity));

        Assert.That(result.Vap.Single().Rule, Is.EqualTo("AG011"));
        Assert.That(result.VapDenies, Is.EqualTo(severity == "error"));
    }

    [TestCase("        alibabacloud.com/eci: \"true\"", null, null)]
    [TestCase("        eci: \"true\"", null, null)]
    [TestCase(null, null, "  nodeSelector:\n    type: virtual-kubelet")]
    [TestCase(null, null, "  nodeSelector:\n    k8s.aliyun.com/vnode: \"true\"")]
    [TestCase(null, null, "  tolerations:\n  - key: virtual-kubelet.io/provider\n    operator: Exists")]
    [TestCase(null, null, "  tolerations:\n  - key: k8s.aliyun.com/vnode\n    operator: Exists")]
    [TestCase(null, null, "  nodeName: virtual-kubelet-cn-hangzhou-k")]
    [TestCase(null, "  annotations:\n    alibabacloud.com/burst-resource: eci", null)]
    [TestCase(null, null, "  nodeSelector:\n    type: worker\n  tolerations:\n  - operator: Exists")]
    public void Any_eci_marker_keeps_AG011_quiet_and_none_does_not(string? labels, string? metadata, string? spec)
    {
        var annotations = metadata is null ? Role : null;
        var extraMetadata = metadata is null ? null : metadata + "\n    k8s.aliyun.com/acr-service-arns: \"" + ServiceArn + "\"";

        VapParity.Check(Pod(annotations, labels: labels, extraMetadata: extraMetadata, extraSpec: spec), Configs.WithRule("AG011", "error"));
    }

    [Test]
    public void AG011_does_not_apply_to_image_caches() =>
        Assert.That(VapParity.Allows(ImageCache(Ann((IdsKey, InstanceId))), Configs.WithRule("AG011", "error")).VapRules, Does.Not.Contain("AG011"));

    [TestCase("secret2")]
    [TestCase("default/secret2")]
    [TestCase("default:")]
    [TestCase(":secret2")]
    [TestCase("Default:secret2")]
    [TestCase("default:secret:2")]
    public void A_secret_not_written_as_namespace_colon_name_is_denied_with_AG012(string secret)
    {
        var result = VapParity.Denies("AG012", ImageCache(null, EnterpriseImage, "default:secret1", secret));

        Assert.That(result.Vap.Single().Message, Does.EndWith("(at spec.imagePullSecrets[1])"));
    }

    [Test]
    public void Secrets_from_the_source_document_pass() =>
        Assert.That(VapParity.Allows(ImageCache(null, EnterpriseImage, "default:secret1", "default:secret2", "kube-system:secret3")).Vap, Is.Empty);

    [Test]
    public void A_bad_secret_kept_at_its_place_by_an_update_is_allowed_and_a_new_one_at_another_denied()
    {
        var old = ImageCache(null, EnterpriseImage, "secret1", "default:secret2");

        Assert.Multiple(() =>
        {
            VapParity.Allows(ImageCache(null, EnterpriseImage, "secret1", "default:secret3"), oldYaml: old);
            VapParity.Denies("AG012", ImageCache(null, EnterpriseImage, "default:secret1", "secret1"), oldYaml: old);
        });
    }

    [Test]
    public void The_legacy_key_warns_with_AG013()
    {
        var result = VapParity.Allows(Pod(Ann(("k8s.aliyun.com/acr-instance-id", "cn-beijing:cri-j36zhodptmyq1234"))));

        Assert.That(result.Vap.Single().Message, Is.EqualTo(
            $"AG013 k8s.aliyun.com/acr-instance-id is the legacy singular key that ECI may ignore: rename it to {IdsKey} (at metadata.annotations['k8s.aliyun.com/acr-instance-id'])"));
    }

    [Test]
    public void A_warning_rule_set_to_error_denies() =>
        VapParity.Denies("AG013", Pod(Ann(("k8s.aliyun.com/acr-instance-id", InstanceId))), Configs.WithRule("AG013", "error"));

    [Test]
    public void An_error_rule_set_to_warning_only_warns() =>
        Assert.That(VapParity.Allows(Deployment(own: Role), Configs.WithRule("AG001", "warning")).Vap.Single().Actions, Is.EqualTo(new[] { "Warn" }));

    [Test]
    public void A_rule_switched_off_reports_nothing() =>
        Assert.That(VapParity.Allows(Deployment(own: Role), Configs.WithRule("AG001", "off")).Vap, Is.Empty);
}
