using System.Net;
using System.Text;
using AcrGuard.Webhook.Tests.Support;

namespace AcrGuard.Webhook.Tests;

/// <summary>Whatever arrives, a clear 4xx that says what is wrong, and the next good review answered.</summary>
public sealed class BadBodyTests : WebhookFixture
{
    private const string Envelope = """{"apiVersion":"admission.k8s.io/v1","kind":"AdmissionReview",""";

    [TestCase("", "the body is empty")]
    [TestCase("not json", "not JSON")]
    [TestCase("""{"apiVersion":"admission.k8s.io/v1",""", "not JSON")]
    [TestCase("[1, 2]", "expected a JSON object, found a list")]
    [TestCase("null", "expected a JSON object, found null")]
    [TestCase("{}", "not an AdmissionReview admission.k8s.io/v1: found kind (none), apiVersion (none)")]
    [TestCase("""{"apiVersion":"admission.k8s.io/v1beta1","kind":"AdmissionReview","request":{"uid":"u"}}""", "apiVersion 'admission.k8s.io/v1beta1'")]
    [TestCase("""{"apiVersion":"v1","kind":"Pod","metadata":{"name":"web"}}""", "found kind 'Pod'")]
    [TestCase("""{"apiVersion":7,"kind":"AdmissionReview"}""", "apiVersion: expected a string, found a number")]
    [TestCase(Envelope + """ "response":{"uid":"u","allowed":true}}""", "request is missing")]
    [TestCase(Envelope + """ "request":null}""", "request is missing")]
    [TestCase(Envelope + """ "request":"CREATE"}""", "request: expected an object, found a string")]
    [TestCase(Envelope + """ "request":{"operation":"CREATE","object":{}}}""", "request.uid is missing or empty")]
    [TestCase(Envelope + """ "request":{"uid":"","operation":"CREATE","object":{}}}""", "request.uid is missing or empty")]
    [TestCase(Envelope + """ "request":{"uid":42,"operation":"CREATE","object":{}}}""", "request.uid: expected a string, found a number")]
    [TestCase(Envelope + """ "request":{"uid":"u","operation":"PATCH","object":{}}}""", "request.operation 'PATCH' is not CREATE, UPDATE, DELETE or CONNECT")]
    [TestCase(Envelope + """ "request":{"uid":"u","object":{}}}""", "request.operation is missing")]
    [TestCase(Envelope + """ "request":{"uid":"u","operation":"CREATE"}}""", "request.object is missing")]
    [TestCase(Envelope + """ "request":{"uid":"u","operation":"CREATE","object":"a pod"}}""", "request.object: expected an object, found a string")]
    [TestCase(Envelope + """ "request":{"uid":"u","operation":"CREATE","object":{},"dryRun":"yes"}}""", "request.dryRun: expected true or false, found a string")]
    [TestCase(Envelope + """ "request":{"uid":"u","operation":"CREATE","object":{},"userInfo":[]}}""", "request.userInfo: expected an object, found a list")]
    public async Task A_body_that_is_not_an_AdmissionReview_gets_400_naming_the_problem(string body, string problem)
    {
        var (status, answer) = await Client.PostAsync("/validate", body);

        Assert.That(status, Is.EqualTo(HttpStatusCode.BadRequest));
        var response = answer.Response();
        Assert.That(response.GetProperty("allowed").GetBoolean(), Is.False);
        Assert.That(response.GetProperty("status").GetProperty("code").GetInt32(), Is.EqualTo(400));
        Assert.That(response.GetProperty("status").GetProperty("message").GetString(), Does.Contain(problem));
        await AssertStillServing();
    }

    [Test]
    public async Task The_uid_is_echoed_when_it_could_be_read()
    {
        var (_, answer) = await Client.PostAsync("/validate", Envelope + """ "request":{"uid":"echo-me","operation":"PATCH"}}""");

        Assert.That(answer.Response().GetProperty("uid").GetString(), Is.EqualTo("echo-me"));
    }

    [Test]
    public async Task An_object_that_is_not_a_kubernetes_object_is_refused_with_its_reason()
    {
        var (status, answer) = await Client.PostAsync("/validate", Envelope + """ "request":{"uid":"u","operation":"CREATE","object":{"metadata":{}}}}""");

        Assert.That(status, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(answer.Response().GetProperty("status").GetProperty("message").GetString(), Does.Contain("apiVersion"));
    }

    [Test]
    public async Task Annotations_that_are_not_a_map_are_refused_naming_the_field()
    {
        var pod = TestObjects.Pod().Replace("\"metadata\":{", "\"metadata\":{\"annotations\":[\"k8s.aliyun.com/acr-service-arns\"],", StringComparison.Ordinal);

        var (status, answer) = await Client.PostAsync("/validate", Reviews.Create(pod));

        Assert.That(status, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(answer.Response().GetProperty("status").GetProperty("code").GetInt32(), Is.EqualTo(400));
        Assert.That(answer.Response().GetProperty("status").GetProperty("message").GetString(), Does.Contain("metadata.annotations"));
        await AssertStillServing();
    }

    [Test]
    public async Task A_hundred_thousand_levels_of_nesting_are_refused_without_recursion()
    {
        var nested = string.Concat(Enumerable.Repeat("{\"a\":", 100_000)) + "1" + new string('}', 100_000);
        var body = Envelope + "\"request\":{\"uid\":\"u\",\"operation\":\"CREATE\",\"object\":" + nested + "}}";

        var (status, answer) = await Client.PostAsync("/validate", body);

        Assert.That(status, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(answer.Response().GetProperty("status").GetProperty("message").GetString(), Does.Contain("depth"));
        await AssertStillServing();
    }

    [Test]
    public async Task Invalid_utf8_is_refused()
    {
        var prefix = Encoding.UTF8.GetBytes(Envelope + "\"request\":{\"uid\":\"");
        var suffix = Encoding.UTF8.GetBytes("\",\"operation\":\"CREATE\",\"object\":{}}}");
        using var content = new ByteArrayContent([.. prefix, 0xC3, 0x28, 0xFF, .. suffix]);
        content.Headers.TryAddWithoutValidation("Content-Type", "application/json");

        var (status, answer) = await Client.PostBytesAsync("/validate", content);

        Assert.That(status, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(answer.Response().GetProperty("status").GetProperty("message").GetString(), Does.Contain("UTF-8").Or.Contain("not JSON"));
        await AssertStillServing();
    }

    [TestCase("text/plain")]
    [TestCase("application/x-www-form-urlencoded")]
    public async Task A_body_that_is_not_json_by_its_content_type_is_refused(string contentType)
    {
        var (status, answer) = await Client.PostAsync("/validate", Reviews.Sample("deployment-cross-account.json"), contentType);

        Assert.That(status, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(answer.Response().GetProperty("status").GetProperty("message").GetString(), Does.Contain("send application/json"));
    }

    [Test]
    public async Task A_body_over_7_MiB_gets_413()
    {
        var padding = new string('x', (7 * 1024 * 1024) + 1);
        var body = Envelope + "\"request\":{\"uid\":\"big\",\"operation\":\"CREATE\",\"object\":{\"padding\":\"" + padding + "\"}}}";

        var (status, answer) = await Client.PostAsync("/validate", body);

        Assert.That(status, Is.EqualTo(HttpStatusCode.RequestEntityTooLarge));
        Assert.That(answer.Response().GetProperty("status").GetProperty("reason").GetString(), Is.EqualTo("RequestEntityTooLarge"));
        await AssertStillServing();
    }

    [Test]
    public async Task A_body_just_under_the_limit_is_judged()
    {
        var pod = TestObjects.Pod();
        var padding = new string('x', (7 * 1024 * 1024) - pod.Length - 1024);
        var padded = pod.Replace("\"metadata\":{", "\"metadata\":{\"labels\":{\"padding\":\"" + padding + "\"},", StringComparison.Ordinal)
            .Replace(",\"labels\":{\"alibabacloud.com/eci\":\"true\"}", string.Empty, StringComparison.Ordinal);

        var (status, answer) = await Client.PostAsync("/validate", Reviews.Create(padded));

        Assert.That(status, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(answer.Response().GetProperty("allowed").GetBoolean(), Is.True);
    }

    [Test]
    public async Task Get_on_the_review_path_is_not_a_review()
    {
        using var response = await Client.GetAsync(new Uri("/validate", UriKind.Relative));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.MethodNotAllowed));
    }

    private async Task AssertStillServing()
    {
        var (status, answer) = await Client.PostAsync("/validate", Reviews.Sample("deployment-misplaced-annotation.json"));
        Assert.That(status, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(answer.Response().GetProperty("allowed").GetBoolean(), Is.False, "the next good review is judged as ever");
    }
}
