using AcrGuard.Configuration;
using AcrGuard.Core.Tests.Support;
using AcrGuard.Testing;
using static AcrGuard.Core.Tests.Support.Fixtures;

namespace AcrGuard.Core.Tests.Vap;

/// <summary>
/// The generated policies judge the cases of the rule tests (AG001 to AG006) as the webhook does:
/// what it denies they deny with the same rule id and one of its messages; what it allows passes.
/// </summary>
public class VapParityTests
{
    private const string ServiceKey = "k8s.aliyun.com/acr-service-arns";
    private const string UserKey = "k8s.aliyun.com/acr-user-arns";
    private const string IdsKey = "k8s.aliyun.com/acr-instance-ids";
    private const string LegacyKey = "k8s.aliyun.com/acr-instance-id";

    [TestCase("Deployment", "apps/v1")]
    [TestCase("ReplicaSet", "apps/v1")]
    [TestCase("StatefulSet", "apps/v1")]
    [TestCase("DaemonSet", "apps/v1")]
    [TestCase("Job", "batch/v1")]
    [TestCase("ReplicationController", "v1")]
    public void Service_arns_on_workload_metadata_are_denied_with_AG001(string kind, string apiVersion)
    {
        var result = VapParity.Denies("AG001", Deployment(own: Ann((ServiceKey, ServiceArn)), kind: kind, apiVersion: apiVersion));

        Assert.That(result.Vap.Single().Message, Is.EqualTo(
            $"AG001 {ServiceKey} is on the {kind}'s metadata, where ECI never reads it: move it to spec.template.metadata.annotations (at metadata.annotations['{ServiceKey}'])"));
    }

    [Test]
    public void An_annotation_on_a_cronjobs_own_metadata_is_denied_with_AG001() =>
        VapParity.Denies("AG001", CronJobs.WithAnnotations().Replace("  namespace: shop\n", $"  namespace: shop\n  annotations:\n    {IdsKey}: \"{InstanceId}\"\n", StringComparison.Ordinal));

    [Test]
    public void An_annotation_on_the_cronjobs_job_template_is_denied_with_AG001_naming_the_path() =>
        VapParity.Denies("AG001", CronJobs.WithAnnotations(job: (ServiceKey, ServiceArn)));

    [Test]
    public void The_same_value_on_the_job_template_and_the_pod_template_only_warns() =>
        Assert.That(VapParity.Allows(CronJobs.WithAnnotations(job: (ServiceKey, ServiceArn), pod: (ServiceKey, ServiceArn))).VapRules, Is.EqualTo(new[] { "AG001" }));

    [Test]
    public void Annotations_on_the_cronjobs_pod_template_pass() =>
        Assert.That(VapParity.Allows(CronJobs.WithAnnotations(pod: (ServiceKey, ServiceArn))).Vap, Is.Empty);

    [Test]
    public void An_update_that_keeps_a_misplaced_job_template_annotation_is_allowed()
    {
        var old = CronJobs.WithAnnotations(job: (ServiceKey, ServiceArn));

        VapParity.Allows(old.Replace("0 2 * * *", "0 3 * * *", StringComparison.Ordinal), oldYaml: old);
    }

    [Test]
    public void A_harmless_copy_on_the_metadata_only_warns_with_AG001()
    {
        var annotations = Ann((ServiceKey, ServiceArn));

        var result = VapParity.Allows(Deployment(own: annotations, template: annotations));

        Assert.That(result.Vap.Single().Actions, Is.EqualTo(new[] { "Warn" }));
    }

    [TestCase("error")]
    [TestCase("warning")]
    public void A_harmless_copy_only_warns_whatever_severity_AG001_is_configured_with(string severity)
    {
        var annotations = Ann((ServiceKey, ServiceArn));

        VapParity.Allows(Deployment(own: annotations, template: annotations), Configs.WithRule("AG001", severity));
    }

    [Test]
    public void A_harmless_copy_and_a_misplaced_annotation_keep_their_own_severities()
    {
        var result = VapParity.Denies("AG001", Deployment(own: Ann((ServiceKey, ServiceArn), (IdsKey, InstanceId)), template: Ann((ServiceKey, ServiceArn))));

        Assert.That(result.Vap.Select(f => f.Denies), Is.EquivalentTo(new[] { true, false }));
    }

    [Test]
    public void The_same_key_with_another_value_on_the_template_is_denied() =>
        VapParity.Denies("AG001", Deployment(own: Ann((ServiceKey, ServiceArn)), template: Ann((ServiceKey, "acs:ram::1609982529123456:role/other"))));

    [Test]
    public void The_legacy_key_on_workload_metadata_is_denied_with_AG001() =>
        VapParity.Denies("AG001", Deployment(own: Ann((LegacyKey, InstanceId))));

    [TestCase("deployment.kubernetes.io/revision", "3")]
    [TestCase(ServiceKey, null)]
    public void Unrelated_or_well_placed_annotations_pass(string key, string? own)
    {
        var yaml = own is null ? Deployment(template: Ann((key, ServiceArn))) : Deployment(own: Ann((key, own)));

        Assert.That(VapParity.Allows(yaml).Vap, Is.Empty);
    }

    [Test]
    public void Annotations_on_a_pods_own_metadata_pass() =>
        Assert.That(VapParity.Allows(Pod(Ann((ServiceKey, ServiceArn)))).Vap, Is.Empty);

    [Test]
    public void An_update_that_keeps_an_old_mistake_is_allowed()
    {
        var misplaced = Deployment(own: Ann((ServiceKey, ServiceArn)));

        VapParity.Allows(misplaced.Replace("replicas: 2", "replicas: 5", StringComparison.Ordinal), oldYaml: misplaced);
    }

    [Test]
    public void An_update_that_introduces_a_mistake_is_denied() =>
        VapParity.Denies("AG001", Deployment(own: Ann((ServiceKey, ServiceArn))), oldYaml: Deployment());

    [Test]
    public void An_update_keeps_old_mistakes_and_denies_only_the_new_one()
    {
        var result = VapParity.Denies("AG001", Deployment(own: Ann((ServiceKey, ServiceArn), (UserKey, UserArn))), oldYaml: Deployment(own: Ann((ServiceKey, ServiceArn))));

        Assert.That(result.Vap.Single().Message, Does.EndWith($"(at metadata.annotations['{UserKey}'])"));
    }

    [Test]
    public void User_arns_without_service_arns_are_denied_with_AG002()
    {
        var result = VapParity.Denies("AG002", Deployment(template: Ann((UserKey, UserArn))));

        Assert.That(result.Vap.Single().Message, Is.EqualTo(
            $"AG002 {UserKey} is set without {ServiceKey}: a cross-account pull needs both; add the ECI-side role ARN (at spec.template.metadata.annotations['{UserKey}'])"));
    }

    [Test]
    public void User_arns_without_service_arns_on_an_image_cache_are_denied() =>
        VapParity.Denies("AG002", ImageCache(Ann((UserKey, UserArn), (IdsKey, InstanceId))));

    [Test]
    public void Both_arns_pass() =>
        Assert.That(VapParity.Allows(Deployment(template: Ann((ServiceKey, ServiceArn), (UserKey, UserArn)))).Vap, Is.Empty);

    [Test]
    public void A_custom_domain_image_without_instance_ids_is_denied_with_AG003()
    {
        var result = VapParity.Denies("AG003", Deployment(image: CustomDomainImage), Configs.CustomDomain());

        Assert.That(result.Vap.Single().Message, Is.EqualTo(
            $"AG003 image on custom domain test1234-registry.example.com: add its ACR instance cri-j36zhodptmyq1234 to spec.template.metadata.annotations['{IdsKey}'] (at spec.template.spec.containers[0].image)"));
    }

    [Test]
    public void Many_images_on_one_custom_domain_are_one_denial_at_the_first_with_the_count()
    {
        const string yaml = """
            apiVersion: batch/v1
            kind: CronJob
            metadata: {name: nightly-report, namespace: shop}
            spec:
              schedule: "0 2 * * *"
              jobTemplate:
                spec:
                  template:
                    metadata:
                      labels: {alibabacloud.com/eci: "true"}
                    spec:
                      restartPolicy: OnFailure
                      initContainers:
                      - {name: migrate, image: test1234-registry.example.com/shop/migrate:3.1}
                      containers:
                      - {name: report, image: test1234-registry.example.com/shop/report:3.1}
                      - {name: proxy, image: nginx:1.27}
                      - {name: uploader, image: TEST1234-REGISTRY.example.com:443/shop/uploader:3.1}
            """;

        var result = VapParity.Denies("AG003", yaml, Configs.CustomDomain());

        // The message and its path come to more than 256 characters: cut, as the webhook's would be.
        Assert.That(result.Vap.Single().Message, Does.Contain("(and 2 more images)").And.EndWith("(at spec.jobTemplate.spec.template.spec...."));
    }

    [TestCase(null, "test1234-registry.example.com/eci_test/migrate:1.0", TestName = "A_custom_domain_init_container_is_denied_with_AG003")]
    [TestCase("cri-otherinstance99", null, TestName = "A_custom_domain_image_with_another_instance_id_is_denied_with_AG003")]
    public void A_custom_domain_image_not_named_is_denied(string? ids, string? initImage)
    {
        var template = ids is null ? null : Ann((IdsKey, ids));

        VapParity.Denies("AG003", Deployment(template: template, image: initImage is null ? CustomDomainImage : EnterpriseImage, initImage: initImage), Configs.CustomDomain());
    }

    [Test]
    public void A_custom_domain_image_cache_without_instance_ids_is_denied() =>
        VapParity.Denies("AG003", ImageCache(), Configs.CustomDomain());

    [Test]
    public void A_custom_domain_ephemeral_container_is_denied_at_its_path()
    {
        var result = VapParity.Denies("AG003", Pod(extraSpec: "  ephemeralContainers:\n  - name: debugger\n    image: test1234-registry.example.com/tools/debug:1"), Configs.CustomDomain());

        Assert.That(result.Vap.Single().Message, Does.EndWith("(at spec.ephemeralContainers[0].image)"));
    }

    [TestCase("cri-j36zhodptmyq1234")]
    [TestCase("cn-beijing:cri-j36zhodptmyq1234")]
    [TestCase("cri-otherinstance99, cn-hangzhou:cri-j36zhodptmyq1234")]
    public void A_matching_instance_id_with_or_without_region_passes(string ids) =>
        Assert.That(VapParity.Allows(Deployment(template: Ann((IdsKey, ids)), image: CustomDomainImage), Configs.CustomDomain()).Vap, Is.Empty);

    [Test]
    public void A_region_prefix_in_the_configuration_is_ignored_when_comparing() =>
        VapParity.Allows(Deployment(template: Ann((IdsKey, InstanceId)), image: CustomDomainImage), Configs.CustomDomain("cn-beijing:cri-j36zhodptmyq1234"));

    [Test]
    public void The_legacy_key_counts_as_an_instance_id() =>
        Assert.That(VapParity.Allows(Deployment(template: Ann((LegacyKey, InstanceId)), image: CustomDomainImage), Configs.CustomDomain()).VapRules, Is.EqualTo(new[] { "AG013" }));

    [Test]
    public void The_domain_match_ignores_case_and_a_port_on_the_image() =>
        VapParity.Denies("AG003", Deployment(image: "Test1234-Registry.example.com:443/eci_test/nginx:1.0"), Configs.CustomDomain());

    [TestCase("\" test1234-registry.example.com/eci_test/nginx:1.0 \"")]
    [TestCase("test1234-registry.example.com/eci_test/nginx@sha256:0d17b565c37bcbd895e9d92315a05c1c3c9a29f762b011a10c54a66cd53c9b31")]
    public void An_image_with_spaces_around_it_or_a_digest_is_on_its_host(string image) =>
        VapParity.Denies("AG003", Deployment(image: image), Configs.CustomDomain());

    [Test]
    public void Without_the_domain_in_the_configuration_nothing_is_said_of_AG003() =>
        Assert.That(VapParity.Allows(Deployment(image: CustomDomainImage)).Vap, Is.Empty);

    [Test]
    public void An_annotation_added_to_a_running_pod_is_denied_with_AG004()
    {
        var result = VapParity.Denies("AG004", Pod(Ann((ServiceKey, ServiceArn))), oldYaml: Pod());

        Assert.That(result.Vap.Single().Message, Is.EqualTo(
            $"AG004 {ServiceKey} was added to an existing Pod; ECI reads it only at creation, so this does nothing: recreate the Pod instead (at metadata.annotations['{ServiceKey}'])"));
    }

    [Test]
    public void An_annotation_changed_on_a_pod_is_denied_with_AG004() =>
        VapParity.Denies("AG004", Pod(Ann((ServiceKey, "acs:ram::1609982529123456:role/other"))), oldYaml: Pod(Ann((ServiceKey, ServiceArn))));

    [Test]
    public void An_annotation_removed_from_an_image_cache_is_denied_with_AG004() =>
        VapParity.Denies("AG004", ImageCache(), oldYaml: ImageCache(Ann((IdsKey, InstanceId))));

    [Test]
    public void A_pod_update_that_leaves_the_annotations_alone_passes()
    {
        var annotations = Ann((ServiceKey, ServiceArn));

        VapParity.Allows(Pod(annotations, extraMetadata: "  finalizers: [\"example.com/keep\"]"), oldYaml: Pod(annotations));
    }

    [Test]
    public void A_template_change_on_a_workload_is_not_AG004() =>
        Assert.That(VapParity.Allows(Deployment(template: Ann((ServiceKey, ServiceArn))), oldYaml: Deployment()).Vap, Is.Empty);

    [Test]
    public void An_unrelated_annotation_added_to_a_pod_passes() =>
        Assert.That(VapParity.Allows(Pod(Ann(("prometheus.io/scrape", "true"))), oldYaml: Pod()).Vap, Is.Empty);

    [TestCase("acs:ram::1609982529******:role/role-assume")]
    [TestCase("arn:acs:ram::1609982529123456:role/role-assume")]
    [TestCase("acs:ram::1609982529123456:user/alice")]
    [TestCase("acs:ram::1609982529123456:role/")]
    [TestCase("acs:ram::1609982529123456:role/has space")]
    [TestCase("role-assume")]
    [TestCase("")]
    [TestCase("acs:ram::1609982529123456:role/a,")]
    [TestCase("acs:ram::1609982529123456:role/a,,acs:ram::1609982529123456:role/b")]
    public void A_malformed_service_arn_is_denied_with_AG005(string value) =>
        VapParity.Denies("AG005", Pod(Ann((ServiceKey, value))));

    [Test]
    public void A_malformed_user_arn_is_denied_at_its_own_path()
    {
        var result = VapParity.Denies("AG005", Pod(Ann((ServiceKey, ServiceArn), (UserKey, "acs:ram::1298452580******:role/role-acr"))));

        Assert.That(result.Vap.Single().Message, Does.EndWith($"(at metadata.annotations['{UserKey}'])"));
    }

    [Test]
    public void A_role_name_over_64_characters_is_denied_with_the_value_cut_as_the_webhook_cuts_it()
    {
        var result = VapParity.Denies("AG005", Pod(Ann((ServiceKey, "acs:ram::1609982529123456:role/" + new string('r', 65)))));

        Assert.That(result.Vap.Single().Message, Does.Contain("...'"));
    }

    [TestCase("acs:ram::1609982529123456:role/acr-test")]
    [TestCase("acs:ram::1609982529123456:role/Role.Name@team_1-x")]
    [TestCase(" acs:ram::1609982529123456:role/a , acs:ram::1609982529123457:role/b ")]
    public void Well_formed_arns_pass(string value) =>
        Assert.That(VapParity.Allows(Pod(Ann((ServiceKey, value)))).Vap, Is.Empty);

    [TestCase("cri-j36zhodptmyq****")]
    [TestCase("j36zhodptmyq1234")]
    [TestCase("CRI-J36ZHODPTMYQ1234")]
    [TestCase("beijing:cri-j36zhodptmyq1234")]
    [TestCase("cn-beijing/cri-j36zhodptmyq1234")]
    [TestCase("cri-")]
    [TestCase("cri-j36zhodptmyq1234,")]
    public void A_malformed_instance_id_is_denied_with_AG006(string value) =>
        VapParity.Denies("AG006", Deployment(template: Ann((IdsKey, value))));

    [Test]
    public void Legacy_key_values_are_denied_with_AG006_too() =>
        VapParity.Denies("AG006", Deployment(template: Ann((LegacyKey, "cri-j36zhodptmyq****"))));

    [TestCase("cri-j36zhodptmyq1234")]
    [TestCase("cn-beijing:cri-j36zhodptmyq1234")]
    [TestCase("ap-southeast-1:cri-abc123")]
    [TestCase("cn-shanghai-finance-1:cri-abc123")]
    [TestCase("cri-a1, cn-hangzhou:cri-b2")]
    public void Well_formed_instance_ids_pass(string value) =>
        Assert.That(VapParity.Allows(Deployment(template: Ann((IdsKey, value)))).Vap, Is.Empty);

    [Test]
    public void A_malformed_item_kept_by_an_update_is_allowed_and_a_new_one_denied()
    {
        var old = Pod(Ann((ServiceKey, "acs:ram::1609982529******:role/role-assume")));
        var both = Pod(Ann((ServiceKey, "acs:ram::1609982529******:role/role-assume"), (UserKey, "role-acr")));

        Assert.Multiple(() =>
        {
            VapParity.Allows(old.Replace("nginx-test", "nginx-test", StringComparison.Ordinal) + "  restartPolicy: Always\n", oldYaml: old);
            VapParity.Denies("AG005", both, oldYaml: old);
        });
    }

    [Test]
    public void Audit_mode_from_the_configuration_denies_no_image_cache()
    {
        var result = VapParity.Allows(ImageCache(Ann((UserKey, UserArn))), ConfigReader.Parse("mode: audit"));

        Assert.That(result.Vap.Single(f => f.Rule == "AG002").Actions, Is.EqualTo(new[] { "Warn", "Audit" }));
    }
}
