using System.Text;
using AcrGuard.Configuration;
using AcrGuard.Findings;
using AcrGuard.Webhook.Admission;
using AcrGuard.Webhook.Tests.Support;
using AcrGuard.Workloads;

namespace AcrGuard.Webhook.Tests;

/// <summary>
/// The one review path, body in and answer out, as the transport, the namespace guard, the
/// benchmarks and the fuzzer call it: a fault in the judgement is answered there, with the uid.
/// </summary>
public sealed class AdmissionReviewerTests
{
    private static readonly Evaluator Evaluator = new(AcrGuardConfig.Default);

    private static ReviewResult Broken(AdmissionRequest request, Evaluator evaluator, EnforcementMode mode) =>
        throw new InvalidOperationException("a rule broke");

    [Test]
    public void A_judgement_that_throws_while_enforcing_is_refused_with_code_500_and_the_request_uid()
    {
        var body = Bytes(Reviews.Create(Reviews.Example("good/cross-account.yaml"), uid: "fault-1"));

        var result = AdmissionReviewer.Review(body, Evaluator, EnforcementMode.Enforce, Broken);

        Assert.Multiple(() =>
        {
            Assert.That(result.HttpStatus, Is.EqualTo(200));
            Assert.That(result.Answer.Response, Is.EqualTo(AdmissionResponses.Errored("fault-1", 500, "AcrGuard met an internal error; see its log")));
            Assert.That(result.Request?.Uid, Is.EqualTo("fault-1"));
            Assert.That(result.Fault?.Message, Is.EqualTo("a rule broke"));
            Assert.That(result.Mode, Is.EqualTo(EnforcementMode.Enforce));
        });
    }

    [Test]
    public void A_judgement_that_throws_while_auditing_is_allowed_with_the_request_uid()
    {
        var body = Bytes(Reviews.Create(Reviews.Example("good/cross-account.yaml"), uid: "fault-2"));

        var result = AdmissionReviewer.Review(body, Evaluator, EnforcementMode.Audit, Broken);

        Assert.That((result.HttpStatus, result.Answer.Response, result.Fault?.Message), Is.EqualTo((200, new AdmissionResponse("fault-2", Allowed: true), "a rule broke")));
    }

    [Test]
    public void A_body_that_is_no_review_is_refused_before_any_judgement()
    {
        var judged = false;

        var result = AdmissionReviewer.Review(Bytes("""{"apiVersion":"v1","kind":"Pod","metadata":{"name":"web"}}"""), Evaluator, EnforcementMode.Enforce, (request, evaluator, mode) =>
        {
            judged = true;
            return AdmissionReviewer.Judge(request, evaluator, mode);
        });

        Assert.Multiple(() =>
        {
            Assert.That(judged, Is.False);
            Assert.That(result.HttpStatus, Is.EqualTo(400));
            Assert.That(result.Request, Is.Null);
            Assert.That(result.Fault, Is.Null);
            Assert.That(result.Problem, Does.Contain("found kind 'Pod'"));
        });
    }

    [Test]
    public void The_path_mode_wins_over_the_configured_one_and_the_configured_one_stands_without_it()
    {
        var auditing = new Evaluator(AcrGuardConfig.Default.WithMode(EnforcementMode.Audit));
        var body = Bytes(Reviews.Create(Reviews.Example("bad/misplaced-on-deployment.yaml")));

        Assert.Multiple(() =>
        {
            Assert.That(AdmissionReviewer.Review(body, auditing, EnforcementMode.Enforce).Allowed, Is.False);
            Assert.That(AdmissionReviewer.Review(body, auditing, null).Allowed, Is.True);
            Assert.That(AdmissionReviewer.Review(body, Evaluator, null).Allowed, Is.False);
        });
    }

    [Test]
    public void The_fields_from_a_short_list_are_read_as_its_own_strings_escaped_or_not()
    {
        // Once per review: kind and operation cost no string; an escaped value means the same.
        var body = Reviews.Create(Reviews.Example("good/cross-account.yaml"));
        var escaped = body.Replace("\"CREATE\"", "\"\\u0043REATE\"", StringComparison.Ordinal)
            .Replace("\"kind\":\"Deployment\"", "\"kind\":\"D\\u0065ployment\"", StringComparison.Ordinal);
        Assert.That(escaped, Does.Contain("\\u0043REATE").And.Contain("D\\u0065ployment"), "the escapes were put in");

        foreach (var json in new[] { body, escaped })
        {
            var request = AdmissionReviewer.Review(Bytes(json), Evaluator, null).Request!;
            Assert.Multiple(() =>
            {
                Assert.That(request.Operation, Is.EqualTo(AdmissionOperation.Create));
                Assert.That(request.Kind, Is.SameAs(ObjectKind.Deployment.Name));
                Assert.That(request.NewObject?.Bound?.Identity.Kind, Is.SameAs(ObjectKind.Deployment.Name));
            });
        }
    }

    private static byte[] Bytes(string body) => Encoding.UTF8.GetBytes(body);
}
