using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using AcrGuard.Check;
using AcrGuard.Configuration;
using AcrGuard.Findings;
using AcrGuard.Testing;
using AcrGuard.Webhook.Tests.Support;
using AcrGuard.Workloads;

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
    public async Task The_answer_keeps_apostrophes_and_quotes_as_written_for_people_reading_it_raw()
    {
        using var content = new StringContent(Reviews.Sample("deployment-misplaced-annotation.json"), System.Text.Encoding.UTF8, "application/json");
        using var response = await Client.PostAsync(new Uri("/validate", UriKind.Relative), content);
        var raw = await response.Content.ReadAsStringAsync();

        // JSON allows \u0027 for an apostrophe; curl users and log readers should not have to decode it.
        Assert.That(raw, Does.Contain("Deployment's metadata").And.Contain("annotations['k8s.aliyun.com/acr-service-arns']"));
        Assert.That(raw, Does.Not.Contain("\\u0027"));
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

    public static IEnumerable<TestCaseData> ExampleFiles() =>
        Directory.EnumerateFiles(Path.Combine(AppContext.BaseDirectory, "examples"), "*.yaml", SearchOption.AllDirectories)
            .Order(StringComparer.Ordinal)
            .Select(f => new TestCaseData(Path.GetRelativePath(Path.Combine(AppContext.BaseDirectory, "examples"), f)).SetArgDisplayNames(Path.GetFileName(f)));

    [TestCaseSource(nameof(ExampleFiles))]
    public async Task Every_object_of_every_example_is_judged_as_check_judges_it(string file)
    {
        // What `acrguard check docs/examples/` says of each object (same default configuration)...
        var text = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "examples", file));
        var report = new CheckReport(EnforcementMode.Enforce);
        new CheckRunner(new Evaluator(AcrGuardConfig.Default), EnforcementMode.Enforce).CheckText(report, file, text);
        Assert.That(report.InputErrors, Is.Empty);
        Assert.That(report.Objects, Is.Not.Empty);

        // ...the webhook says in its answer: the verdict, each error in the status, each warning.
        for (var i = 0; i < report.Objects.Count; i++)
        {
            var judged = report.Objects[i];
            var (_, body) = await Client.PostAsync("/validate/enforce", Reviews.Create(AdmissionReviewBodies.Json(text, i)));
            var response = body.Response();
            var status = response.TryGetProperty("status", out var s) ? s.GetProperty("message").GetString() : string.Empty;
            var warnings = body.Warnings();
            Assert.Multiple(() =>
            {
                Assert.That(response.GetProperty("allowed").GetBoolean(), Is.EqualTo(judged.Verdict.Allowed), judged.Source);
                foreach (var finding in judged.Verdict.Findings)
                {
                    Assert.That(
                        finding.Severity == FindingSeverity.Error ? status : string.Join("\n", warnings),
                        Does.Contain(finding.Message),
                        $"{judged.Source} {finding.Rule} at {finding.Path}");
                }

                Assert.That(warnings, Has.Length.EqualTo(judged.Verdict.Warnings), judged.Source);
            });
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
    public async Task A_review_is_answered_the_same_whatever_the_order_of_its_fields()
    {
        // kube-apiserver writes request.kind before request.object; another client may not, and
        // the object is bound the same way either way.
        var review = JsonNode.Parse(Reviews.Sample("deployment-misplaced-annotation.json"))!;
        var request = review["request"]!.AsObject();
        var reordered = new JsonObject();
        foreach (var name in new[] { "object", "operation", "uid", "namespace", "name", "userInfo", "kind" })
        {
            if (request[name] is { } value)
            {
                request.Remove(name);
                reordered[name] = value;
            }
        }

        var reversed = new JsonObject { ["request"] = reordered, ["kind"] = "AdmissionReview", ["apiVersion"] = "admission.k8s.io/v1" };
        Assert.That(reversed.ToJsonString(), Does.Match("\\{\"request\":\\{\"object\":.*\"kind\":\\{\"group\""));

        var (_, inOrder) = await Client.PostAsync("/validate", Reviews.Sample("deployment-misplaced-annotation.json"));
        var (status, body) = await Client.PostAsync("/validate", reversed.ToJsonString());

        Assert.That(status, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(body.Response().GetProperty("status").GetProperty("message").GetString(), Is.EqualTo(MisplacedMessage));
        Assert.That(body.Response().GetRawText(), Is.EqualTo(inOrder.Response().GetRawText()));
    }

    [Test]
    public async Task An_object_whose_apiVersion_and_kind_come_last_is_bound_all_the_same()
    {
        // The object's own apiVersion and kind choose its model; read ahead past metadata and spec here.
        var review = JsonNode.Parse(Reviews.Sample("deployment-misplaced-annotation.json"))!;
        var obj = review["request"]!["object"]!.AsObject();
        foreach (var name in new[] { "apiVersion", "kind" })
        {
            var value = obj[name]!;
            obj.Remove(name);
            obj[name] = value;
        }

        Assert.That(obj.Select(p => p.Key).TakeLast(2), Is.EqualTo(new[] { "apiVersion", "kind" }));

        var (_, body) = await Client.PostAsync("/validate", review.ToJsonString());

        Assert.That(body.Response().GetProperty("status").GetProperty("message").GetString(), Is.EqualTo(MisplacedMessage));
    }

    [Test]
    public async Task Warnings_stay_within_kube_apiserver_limits_cut_at_4_KiB_in_the_order_found()
    {
        // Fifty containers, each on its own unknown host: fifty AG010 warnings, far over 4 KiB.
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

        using var parsed = JsonDocument.Parse(deployment);
        var every = new Evaluator(AcrGuardConfig.Default).Evaluate(ObjectReader.Read(parsed.RootElement), mode: EnforcementMode.Audit)
            .Findings.Select(f => f.WarningText).ToList();
        var warnings = body.Warnings();
        var bytes = warnings.Sum(w => System.Text.Encoding.UTF8.GetByteCount(w));
        Assert.Multiple(() =>
        {
            Assert.That(every, Has.Count.EqualTo(50), "a warning per container");
            Assert.That(warnings, Has.All.Length.LessThan(256));
            Assert.That(warnings, Has.All.Match("^AG0[0-9]{2} "));
            Assert.That(warnings, Is.EqualTo(every.Take(warnings.Length)), "the first ones, in the order found");
            Assert.That(bytes, Is.LessThanOrEqualTo(4096));
            Assert.That(warnings, Has.Length.LessThan(every.Count), "cut");
            Assert.That(bytes + System.Text.Encoding.UTF8.GetByteCount(every[warnings.Length]), Is.GreaterThan(4096), "cut only where the next would not fit");
        });
    }

    private static void AssertJson(JsonElement actual, string expected) =>
        Assert.That(JsonNode.DeepEquals(JsonNode.Parse(actual.GetRawText()), JsonNode.Parse(expected)), Is.True, actual.GetRawText());
}
