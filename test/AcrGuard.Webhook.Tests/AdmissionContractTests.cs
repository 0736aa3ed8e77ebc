using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using AcrGuard.Testing;
using AcrGuard.Webhook.Tests.Support;

namespace AcrGuard.Webhook.Tests;

/// <summary>The HTTP contract with kube-apiserver, verdict by verdict, through the composed application.</summary>
public sealed class AdmissionContractTests : WebhookFixture
{
    private const string MisplacedMessage =
        "AG001 k8s.aliyun.com/acr-service-arns is on the Deployment's metadata, where ECI never reads it: move it to spec.template.metadata.annotations (at metadata.annotations['k8s.aliyun.com/acr-service-arns'])";

    [Test]
    public async Task A_misplaced_annotation_is_denied_403_Forbidden_with_the_rule_path_and_message()
    {
        var (status, body) = await Client.PostAsync("/validate", Reviews.Sample("deployment-misplaced-annotation.json"));

        Assert.That(status, Is.EqualTo(HttpStatusCode.OK));
        AssertJson(body, """
            {"apiVersion":"admission.k8s.io/v1","kind":"AdmissionReview","response":{
              "uid":"705ab4f5-6393-11e8-b7cc-42010a800002","allowed":false,
              "status":{"code":403,"reason":"Forbidden","status":"Failure","message":
            """ + JsonSerializer.Serialize(MisplacedMessage) + "}}}");
    }

    [Test]
    public async Task A_correct_cross_account_deployment_is_allowed_with_nothing_else()
    {
        var (status, body) = await Client.PostAsync("/validate", Reviews.Sample("deployment-cross-account.json"));

        Assert.That(status, Is.EqualTo(HttpStatusCode.OK));
        AssertJson(body, """
            {"apiVersion":"admission.k8s.io/v1","kind":"AdmissionReview","response":{"uid":"a9b8c7d6-0000-4000-8000-000000000001","allowed":true}}
            """);
    }

    [Test]
    public async Task Every_example_is_judged_as_check_judges_it()
    {
        foreach (var (file, allowed) in new[]
        {
            ("good/same-account-role.yaml", true),
            ("good/cronjob-personal-edition.yaml", true),
            ("bad/cross-account-without-service-role.yaml", false),
            ("bad/copied-from-the-docs.yaml", false),
            ("bad/misspelt-key.yaml", false),
        })
        {
            var (_, body) = await Client.PostAsync("/validate/enforce", Reviews.Create(Reviews.Example(file)));
            Assert.That(body.Response().GetProperty("allowed").GetBoolean(), Is.EqualTo(allowed), file);
        }
    }

    [Test]
    public async Task The_audit_path_allows_and_returns_every_finding_as_a_warning()
    {
        var (_, body) = await Client.PostAsync("/validate/audit", Reviews.Create(Reviews.Example("bad/misplaced-on-deployment.yaml"), uid: "audit-1"));

        AssertJson(body, """
            {"apiVersion":"admission.k8s.io/v1","kind":"AdmissionReview","response":{
              "uid":"audit-1","allowed":true,
              "warnings":["AG001 k8s.aliyun.com/acr-service-arns is on the Deployment's metadata, where ECI never reads it: move it to spec.template.metadata.annotations"]}}
            """);
    }

    [Test]
    public async Task The_enforce_path_denies_what_the_audit_path_allows()
    {
        var review = Reviews.Create(Reviews.Example("bad/misplaced-on-deployment.yaml"));

        var (_, enforced) = await Client.PostAsync("/validate/enforce", review);
        var (_, audited) = await Client.PostAsync("/validate/audit", review);

        Assert.That(enforced.Response().GetProperty("allowed").GetBoolean(), Is.False);
        Assert.That(audited.Response().GetProperty("allowed").GetBoolean(), Is.True);
    }

    [Test]
    public async Task A_server_side_dry_run_gets_the_very_same_answer()
    {
        var deployment = Reviews.Example("bad/misplaced-on-deployment.yaml");

        var (_, real) = await Client.PostAsync("/validate", Reviews.Create(deployment, uid: "same"));
        var (_, dryRun) = await Client.PostAsync("/validate", Reviews.Create(deployment, uid: "same", dryRun: true));

        Assert.That(JsonNode.DeepEquals(JsonNode.Parse(dryRun.GetRawText()), JsonNode.Parse(real.GetRawText())), Is.True, dryRun.GetRawText());
    }

    [Test]
    public async Task An_update_that_keeps_an_old_mistake_is_allowed_with_a_pre_existing_warning()
    {
        var old = Reviews.Example("bad/misplaced-on-deployment.yaml");
        var scaled = old.Replace("\"replicas\":2", "\"replicas\":5", StringComparison.Ordinal);
        Assert.That(scaled, Is.Not.EqualTo(old), "the fixture has replicas: 2");

        var (_, body) = await Client.PostAsync("/validate", Reviews.Update(scaled, old));

        Assert.That(body.Response().GetProperty("allowed").GetBoolean(), Is.True);
        Assert.That(body.Warnings(), Has.Exactly(1).StartsWith("AG001 (pre-existing) "));
    }

    [Test]
    public async Task An_update_that_introduces_a_mistake_is_denied()
    {
        // An annotation the pod template lacks, put on the Deployment's own metadata.
        var old = Reviews.Example("good/same-account-role.yaml");
        var broken = AdmissionReviewBodies.Annotate(old, "k8s.aliyun.com/acr-user-arns", "acs:ram::1298452580123456:role/role-acr");

        var (_, body) = await Client.PostAsync("/validate", Reviews.Update(broken, old));

        Assert.That(body.Response().GetProperty("allowed").GetBoolean(), Is.False);
        Assert.That(body.Response().GetProperty("status").GetProperty("message").GetString(), Does.StartWith("AG001 "));
    }

    [Test]
    public async Task An_annotation_added_to_a_running_pod_is_denied_with_AG004()
    {
        var pod = TestObjects.Pod();
        var annotated = AdmissionReviewBodies.Annotate(pod, "k8s.aliyun.com/acr-service-arns", TestObjects.ServiceArn);

        var (_, body) = await Client.PostAsync("/validate", Reviews.Update(annotated, pod));

        var message = body.Response().GetProperty("status").GetProperty("message").GetString();
        Assert.That(message, Does.StartWith("AG004 "));
        Assert.That(message, Does.Contain("(at metadata.annotations['k8s.aliyun.com/acr-service-arns'])"));
    }

    [Test]
    public async Task A_pod_stamped_out_by_a_controller_is_allowed_with_its_findings_as_warnings()
    {
        var pod = TestObjects.Pod(
            annotations: "  annotations:\n    k8s.aliyun.com/acr-service-arns: \"acs:ram::1609982529******:role/role-assume\"",
            ownerReferences: "  ownerReferences:\n  - {apiVersion: apps/v1, kind: ReplicaSet, name: web-7d9f, uid: 0b1c, controller: true}");

        var (_, body) = await Client.PostAsync("/validate", Reviews.Create(pod));

        Assert.That(body.Response().GetProperty("allowed").GetBoolean(), Is.True);
        Assert.That(body.Warnings(), Has.Exactly(1).StartsWith("AG005 (controller-owned) "));
    }

    [TestCase("DELETE")]
    [TestCase("CONNECT")]
    public async Task Delete_and_connect_are_allowed_without_evaluation(string operation)
    {
        var broken = Reviews.Example("bad/copied-from-the-docs.yaml");

        var (_, body) = await Client.PostAsync("/validate", AdmissionReviewBodies.Envelope(operation, "op-1", operation == "DELETE" ? null : broken, broken, dryRun: false));

        AssertJson(body, """{"apiVersion":"admission.k8s.io/v1","kind":"AdmissionReview","response":{"uid":"op-1","allowed":true}}""");
    }

    [Test]
    public async Task A_kind_out_of_scope_is_allowed_with_no_finding()
    {
        var (_, body) = await Client.PostAsync("/validate", Reviews.Create(TestObjects.ConfigMap(), uid: "cm"));

        AssertJson(body, """{"apiVersion":"admission.k8s.io/v1","kind":"AdmissionReview","response":{"uid":"cm","allowed":true}}""");
    }

    [Test]
    public async Task An_object_that_cannot_be_read_is_refused_naming_the_field_and_audit_lets_it_through()
    {
        // An image that is not a string: a field the rules read (a bad field they do not read is skipped unbound).
        var deployment = Reviews.Example("good/cross-account.yaml").Replace("\"image\":\"", "\"image\":{\"name\":\"web\"},\"x\":\"", StringComparison.Ordinal);
        Assert.That(deployment, Does.Contain("\"image\":{"), "the fixture has a container image");

        var (status, enforced) = await Client.PostAsync("/validate/enforce", Reviews.Create(deployment, uid: "bad-image"));
        var (_, audited) = await Client.PostAsync("/validate/audit", Reviews.Create(deployment, uid: "bad-image"));

        Assert.That(status, Is.EqualTo(HttpStatusCode.OK), "the envelope is fine: kube-apiserver shows the reason");
        var refusal = enforced.Response();
        Assert.That(refusal.GetProperty("uid").GetString(), Is.EqualTo("bad-image"));
        Assert.That(refusal.GetProperty("allowed").GetBoolean(), Is.False);
        Assert.That(refusal.GetProperty("status").GetProperty("code").GetInt32(), Is.EqualTo(400));
        Assert.That(refusal.GetProperty("status").GetProperty("message").GetString(), Does.Contain("spec.template.spec.containers[0].image"));
        Assert.That(audited.Response().GetProperty("allowed").GetBoolean(), Is.True);
        Assert.That(audited.Warnings(), Has.Exactly(1).Contains("spec.template.spec.containers[0].image"));
    }

    [Test]
    public async Task The_object_is_judged_by_its_own_kind_when_request_kind_names_another()
    {
        // request.kind says Deployment; the object is a Pod with a user ARN and no service ARN (AG002).
        var pod = TestObjects.Pod(annotations: "  annotations:\n    k8s.aliyun.com/acr-user-arns: \"acs:ram::1298452580123456:role/role-acr\"");
        var review = Reviews.Create(pod).Replace("\"group\":\"\",\"version\":\"v1\",\"kind\":\"Pod\"", "\"group\":\"apps\",\"version\":\"v1\",\"kind\":\"Deployment\"", StringComparison.Ordinal);
        Assert.That(review, Does.Contain("\"kind\":\"Deployment\""));

        var (_, body) = await Client.PostAsync("/validate", review);

        Assert.That(body.Response().GetProperty("status").GetProperty("message").GetString(), Does.StartWith("AG002 "));
    }

    [Test]
    public async Task Warnings_stay_within_kube_apiserver_limits()
    {
        // Fifty containers on a custom domain with a masked instance id: a finding per container and more.
        var containers = string.Join("\n", Enumerable.Range(0, 50).Select(i =>
            $"      - name: c{i}\n        image: unknown-registry-{i}.example.org/team/app-with-a-long-name-{i}:1.0"));
        var deployment = AdmissionReviewBodies.Json($$"""
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: many, namespace: default}
            spec:
              selector:
                matchLabels: {app: many}
              template:
                metadata:
                  labels: {app: many, alibabacloud.com/eci: "true"}
                  annotations:
                    k8s.aliyun.com/acr-service-arns: "acs:ram::1609982529123456:role/role-assume"
                spec:
                  containers:
            {{containers}}
            """);

        var (_, body) = await Client.PostAsync("/validate/audit", Reviews.Create(deployment));

        var warnings = body.Warnings();
        Assert.That(warnings, Is.Not.Empty);
        Assert.That(warnings, Has.All.Length.LessThan(256));
        Assert.That(warnings, Has.All.Match("^AG0[0-9]{2} "));
        Assert.That(warnings.Sum(w => System.Text.Encoding.UTF8.GetByteCount(w)), Is.LessThanOrEqualTo(4096));
    }

    private static void AssertJson(JsonElement actual, string expected) =>
        Assert.That(JsonNode.DeepEquals(JsonNode.Parse(actual.GetRawText()), JsonNode.Parse(expected)), Is.True, actual.GetRawText());
}
