using System.Text;
using System.Text.Json.Nodes;
using AcrGuard.Configuration;
using AcrGuard.Findings;
using AcrGuard.Webhook.Admission;
using static AcrGuard.Webhook.Tests.Support.NamespaceReviews;

namespace AcrGuard.Webhook.Tests;

/// <summary>The guard's pure core, body in and result out, on the shapes a Namespace can arrive in.</summary>
public sealed class NamespaceGuardReviewTests
{
    private static readonly string[] Developer = ["developers"];

    private static readonly Evaluator Evaluator = new(AcrGuardConfig.Default);

    private static ReviewResult Review(string body) => NamespaceGuard.Review(Encoding.UTF8.GetBytes(body), Evaluator);

    [Test]
    public void A_label_value_that_is_not_a_string_is_refused_naming_the_label()
    {
        var ns = TeamA(null);
        ns["metadata"]!["labels"]!["acrguard.io/mode"] = 1;

        var result = Review(Update(ns, TeamA(null), "alice", Developer));

        Assert.Multiple(() =>
        {
            Assert.That(result.Allowed, Is.False);
            Assert.That(result.Answer.Response.Status!.Code, Is.EqualTo(400));
            Assert.That(result.Problem, Is.EqualTo("request.object.metadata.labels['acrguard.io/mode']: expected a string, found a number"));
        });
    }

    [Test]
    public void Null_metadata_or_labels_mean_no_label()
    {
        var noMetadata = TeamA(null);
        noMetadata["metadata"] = null;
        var nullLabels = TeamA(null);
        nullLabels["metadata"]!["labels"] = null;

        Assert.Multiple(() =>
        {
            Assert.That(Review(Update(noMetadata, TeamA("audit"), "alice", Developer)).Allowed, Is.True);
            Assert.That(Review(Update(nullLabels, TeamA("audit"), "alice", Developer)).Allowed, Is.True);
            Assert.That(Review(Update(TeamA("audit"), nullLabels, "alice", Developer)).Allowed, Is.False, "audit set where the old object had no labels");
        });
    }

    [Test]
    public void The_result_says_whether_the_request_was_a_downgrade()
    {
        Assert.Multiple(() =>
        {
            Assert.That(Review(Update(TeamA("audit"), TeamA(null), "alice", Developer)).ModeDowngrade, Is.True);
            Assert.That(Review(Update(TeamA("audit"), TeamA("audit"), "alice", Developer)).ModeDowngrade, Is.False);
            Assert.That(Review(Update(TeamA(null), TeamA("audit"), "alice", Developer)).ModeDowngrade, Is.False);
        });
    }

    [TestCase("", "the body is empty: send an AdmissionReview")]
    [TestCase("[]", "not an AdmissionReview: expected a JSON object, found a list")]
    public void A_body_that_is_not_a_review_is_a_bad_request(string body, string problem)
    {
        var result = Review(body);

        Assert.Multiple(() =>
        {
            Assert.That(result.HttpStatus, Is.EqualTo(400));
            Assert.That(result.Problem, Is.EqualTo(problem));
        });
    }

    [Test]
    public void A_connect_is_allowed_without_reading_anything()
    {
        var review = JsonNode.Parse(Envelope("CONNECT", null, null, "alice", Developer, dryRun: false))!;

        Assert.That(Review(review.ToJsonString()).Allowed, Is.True);
    }
}
