using System.Text.Json.Nodes;
using AcrGuard.Configuration;
using AcrGuard.Vap;
using static AcrGuard.Core.Tests.Support.Fixtures;

namespace AcrGuard.Core.Tests.Vap;

/// <summary>The harness the parity tests rest on can fail: it evaluates the validations, and refuses what kube-apiserver would count as an error.</summary>
public class VapAdmissionTests
{
    private static readonly JsonObject MisplacedDeployment = VapParity.Documents(Deployment(own: Ann(("k8s.aliyun.com/acr-service-arns", ServiceArn)))).Single();

    private static VapRequest Create => new("CREATE", MisplacedDeployment, null, new Dictionary<string, string> { ["kubernetes.io/metadata.name"] = "shop" });

    private static VapPolicySet WithErrorValidation(string expression, string message = "'AG001 replaced'")
    {
        var generated = VapGenerator.Generate(AcrGuardConfig.Default);
        var documents = generated.Documents.Select(d => d.DeepClone().AsObject()).ToList();
        var validations = documents.First()["spec"]!["validations"]!.AsArray();
        validations.Clear();
        validations.Add((JsonNode)new JsonObject { ["expression"] = expression, ["messageExpression"] = message });
        return new VapPolicySet(documents, generated.LeftToWebhook);
    }

    [Test]
    public void The_generated_policy_denies_the_case_and_one_that_passes_everything_does_not()
    {
        Assert.Multiple(() =>
        {
            Assert.That(VapAdmission.Review(VapGenerator.Generate(AcrGuardConfig.Default), Create).Single(f => f.Denies).Rule, Is.EqualTo("AG001"));
            Assert.That(VapAdmission.Review(WithErrorValidation("true"), Create).Where(f => f.Denies), Is.Empty);
        });
    }

    [TestCase("object.spec.nonexistent.size() == 0")]
    [TestCase("size(object.spec.template.spec.containers[3].image) == 0")]
    [TestCase("'a'.substring(3) == ''")]
    public void An_expression_that_errors_fails_the_test(string expression) =>
        Assert.Throws<AssertionException>(() => VapAdmission.Review(WithErrorValidation(expression), Create));

    [Test]
    public void A_validation_that_is_not_a_boolean_fails_the_test() =>
        Assert.Throws<AssertionException>(() => VapAdmission.Review(WithErrorValidation("'yes'"), Create));

    [Test]
    public void A_message_that_is_not_a_string_fails_the_test() =>
        Assert.Throws<AssertionException>(() => VapAdmission.Review(WithErrorValidation("false", "1"), Create));
}
