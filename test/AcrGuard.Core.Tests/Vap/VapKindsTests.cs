using AcrGuard.Configuration;
using AcrGuard.Core.Tests.Support;
using AcrGuard.Vap;
using AcrGuard.Workloads;

namespace AcrGuard.Core.Tests.Vap;

/// <summary>The policies know the kinds in scope where ObjectReader knows them: the same kinds, with the template where the reader finds it.</summary>
public class VapKindsTests
{
    [Test]
    public void The_built_in_kinds_are_the_readers()
    {
        Assert.Multiple(() =>
        {
            Assert.That(VapKinds.BuiltIn.Select(k => (k.Group, k.Kind)).Distinct().Count(), Is.EqualTo(VapKinds.BuiltIn.Count));
            foreach (var kind in VapKinds.BuiltIn)
            {
                Assert.That(ObjectKind.IsBuiltIn(kind.Group, kind.Kind), Is.True, kind.Type);
                var apiVersion = kind.Group.Length == 0 ? kind.Version : $"{kind.Group}/{kind.Version}";
                Assert.That(Objects.Read($"apiVersion: {apiVersion}\nkind: {kind.Kind}\nmetadata: {{name: x}}\n").InScope, Is.True, $"{kind.Type} is read as in scope");
            }

            // Every kind of the kind table: one of each group of the design's "Objects in scope".
            Assert.That(VapKinds.BuiltIn, Has.Count.EqualTo(9));
        });
    }

    [Test]
    public void A_configured_kind_keeps_its_template_and_the_nested_metadata_on_the_way()
    {
        var config = ConfigReader.Parse("workloads:\n  - {apiVersion: apps.kruise.io/v1alpha1, kind: AdvancedCronJob, template: spec.template.jobTemplate.spec.template}\n");

        var kind = VapKinds.For(config).Single(k => k.IsConfigured);

        Assert.Multiple(() =>
        {
            Assert.That(kind.Type, Is.EqualTo("apps.kruise.io/v1alpha1/AdvancedCronJob"));
            Assert.That(kind.Resource, Is.EqualTo("*"));
            Assert.That(kind.Metadata, Is.EqualTo(new[] { "spec", "template", "jobTemplate", "spec", "template", "metadata" }));
            Assert.That(kind.Nested.Select(n => string.Join('.', n)), Is.EqualTo(new[] { "spec.template.jobTemplate.metadata" }));
        });
    }
}
