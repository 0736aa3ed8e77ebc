using System.Runtime.InteropServices;
using System.Text;
using System.Text.RegularExpressions;
using AcrGuard.Annotations;
using AcrGuard.Core.Tests.Support;
using AcrGuard.Configuration;
using AcrGuard.Findings;
using AcrGuard.Manifests;
using AcrGuard.Testing;
using AcrGuard.Workloads;

namespace AcrGuard.Core.Tests;

/// <summary>
/// The reader builds the rules' view straight from the bytes, reading only what a rule reads. Each
/// object here is also bound whole by KubernetesClient's model for its kind (<c>ModelReader</c>),
/// and must come out the same in everything the rules judge, findings and messages included: a rule
/// that starts reading a field the view does not carry fails here (and in its own tests, which
/// make the same comparison for every fixture).
/// </summary>
public partial class ObjectViewTests
{
    private const string Base = """
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: web
          namespace: shop
          annotations: {k8s.aliyun.com/acr-instance-ids: cri-own}
        spec:
          replicas: 2
          selector: {matchLabels: {app: web}}
          template:
            metadata:
              labels: {app: web}
              annotations: {k8s.aliyun.com/acr-service-arns: "acs:ram::1609982529123456:role/role-assume"}
            spec:
              containers:
              - {name: web, image: "registry.example.com/shop/web:1", resources: {limits: {cpu: 500m}}, ports: [{containerPort: 80}]}
        """;

    // Each changes one field the view reads; ECI markers one at a time, as any one of them is enough.
    private static readonly (string Name, string Find, string Replace)[] Variants =
    [
        ("eci label", "labels: {app: web}", "labels: {app: web, alibabacloud.com/eci: \"true\"}"),
        ("eci short label", "labels: {app: web}", "labels: {app: web, eci: \"true\"}"),
        ("burst annotation", "annotations: {k8s.aliyun.com/acr-service-arns", "annotations: {alibabacloud.com/burst-resource: eci, k8s.aliyun.com/acr-service-arns"),
        ("virtual-kubelet node selector", "      containers:", "      nodeSelector: {type: virtual-kubelet}\n      containers:"),
        ("vnode node selector", "      containers:", "      nodeSelector: {k8s.aliyun.com/vnode: \"true\"}\n      containers:"),
        ("node name", "      containers:", "      nodeName: virtual-kubelet-cn-hangzhou-k\n      containers:"),
        ("toleration", "      containers:", "      tolerations: [{key: virtual-kubelet.io/provider, operator: Exists}]\n      containers:"),
        ("vnode toleration", "      containers:", "      tolerations: [{key: k8s.aliyun.com/vnode, operator: Exists}]\n      containers:"),
        ("init and ephemeral containers", "      containers:", "      initContainers: [{name: i, image: \"cr-i.cn-beijing.cr.aliyuncs.com/a/b:1\"}]\n      ephemeralContainers: [{name: e, image: \"registry.cn-beijing.aliyuncs.com/a/e:1\"}]\n      containers:"),
        ("replica set owned", "kind: Deployment\nmetadata:\n  name: web", "kind: ReplicaSet\nmetadata:\n  generateName: web-\n  ownerReferences: [{apiVersion: apps/v1, kind: Deployment, name: web, uid: u1, controller: true}]"),
        ("stateful set", "kind: Deployment", "kind: StatefulSet"),
        ("daemon set", "kind: Deployment", "kind: DaemonSet"),
    ];

    public static IEnumerable<TestCaseData> Objects()
    {
        foreach (var (name, find, replace) in Variants)
        {
            yield return new TestCaseData(Base.Replace(find, replace, StringComparison.Ordinal)).SetArgDisplayNames(name);
        }

        yield return new TestCaseData(Base).SetArgDisplayNames("deployment");
        yield return new TestCaseData(CronJob).SetArgDisplayNames("cron job");
        yield return new TestCaseData(Pod).SetArgDisplayNames("owned pod");
        foreach (var file in Directory.EnumerateFiles(Path.Combine(TestContext.CurrentContext.TestDirectory, "assets", "seed"), "*.yaml"))
        {
            yield return new TestCaseData(File.ReadAllText(file)).SetArgDisplayNames(Path.GetFileName(file));
        }

        foreach (var file in CorpusTests.Fixtures())
        {
            yield return new TestCaseData(Support.Objects.Asset("corpus", file)).SetArgDisplayNames(file);
        }

        // Configured kinds are read by the walk every workload is read by (TemplateWalk).
        foreach (var file in WorkloadCases.Files)
        {
            yield return new TestCaseData(Workload(file)).SetArgDisplayNames(file);
        }

        yield return new TestCaseData(AdvancedCronJob).SetArgDisplayNames("advanced cron job");
    }

    // The fixtures' kinds, and one whose template path crosses a Job template.
    private static IReadOnlyList<WorkloadKind> Workloads =>
    [
        .. ConfigReader.Parse(Workload(WorkloadCases.Config)).Workloads,
        new WorkloadKind("apps.kruise.io", "v1alpha1", "AdvancedCronJob", "spec.template.jobTemplate.spec.template"),
    ];

    [TestCaseSource(nameof(Objects))]
    public void The_view_judges_as_kubernetes_client_s_whole_model(string manifest)
    {
        var compared = 0;
        foreach (var document in ManifestLoader.Load("test.yaml", manifest))
        {
            var view = ObjectReader.Read(JsonMarshal.GetRawUtf8Value(document.Root), Workloads);

            Support.Objects.SameAsModel(view, document.Root.GetRawText(), Workloads);
            compared++;
        }

        Assert.That(compared, Is.Positive, "a document to compare");
    }

    public static IEnumerable<TestCaseData> ConfiguredDocuments() =>
        WorkloadCases.Documents(TestContext.CurrentContext.TestDirectory)
            .Where(d => WorkloadCases.InScope(d.Name))
            .Select(d => new TestCaseData(d.File, d.Index).SetArgDisplayNames(d.Name));

    /// <summary>
    /// The walk to a configured kind's template against KubernetesClient's own Deployment model:
    /// the same object under apps/v1 Deployment must give the rules the same view and findings.
    /// </summary>
    [TestCaseSource(nameof(ConfiguredDocuments))]
    public void A_configured_kind_is_read_as_a_deployment_with_the_same_fields_is_read(string file, int index)
    {
        var yaml = Workload(file).Split("\n---\n")[index];
        var header = HeaderPattern().Match(yaml);
        Assert.That(header.Success, Is.True, "the fixture starts with apiVersion and kind");
        var asDeployment = string.Concat(yaml.AsSpan(0, header.Index), "apiVersion: apps/v1\nkind: Deployment\n", yaml.AsSpan(header.Index + header.Length));

        var configured = Support.Objects.Read(yaml, Workloads);
        var deployment = Support.Objects.Read(asDeployment);

        Assert.That(View(configured), Is.EqualTo(View(deployment)));
        Assert.That(Findings(configured), Is.EqualTo(Findings(deployment)));
    }

    [Test]
    public void A_repeated_field_on_the_template_path_is_read_as_the_deployment_model_reads_it_the_last_one_wins()
    {
        const string json = """
            {"apiVersion":"{{API}}","kind":"{{KIND}}","metadata":{"name":"web","namespace":"shop"},
             "spec":{"template":{"metadata":{"annotations":{"k8s.aliyun.com/acr-user-arns":"acs:ram::1298452580123456:role/role-acr"}},
                                 "spec":{"containers":[{"name":"web","image":"registry.cn-hangzhou.aliyuncs.com/shop/web:1"}]}}},
             "spec":{"replicas":2}}
            """;
        static string As(string apiVersion, string kind) => json.Replace("{{API}}", apiVersion, StringComparison.Ordinal).Replace("{{KIND}}", kind, StringComparison.Ordinal);

        var configured = Support.Objects.ReadJson(As("apps.kruise.io/v1alpha1", "CloneSet"), Workloads);
        var deployment = Support.Objects.ReadJson(As("apps/v1", "Deployment"));

        Assert.That(Findings(configured), Is.EqualTo(Findings(deployment)).And.Empty);
    }

    [Test]
    public void A_type_error_in_a_field_the_rules_do_not_read_is_skipped_with_the_field()
    {
        // kube-apiserver validates the schema before any webhook; AcrGuard judges pull annotations.
        var obj = Support.Objects.Read(Base.Replace("replicas: 2", "replicas: two", StringComparison.Ordinal));

        Assert.That(obj.Reviewed?.Target.Images.Single().Path, Is.EqualTo("spec.template.spec.containers[0].image"));
    }

    [Test]
    public void A_type_error_in_a_field_the_rules_read_is_still_an_error_naming_it()
    {
        var broken = Base.Replace("image: \"registry.example.com/shop/web:1\"", "image: {name: web}", StringComparison.Ordinal);

        var error = Assert.Throws<UnreadableObjectException>(() => Support.Objects.Read(broken));

        Assert.That(error.Message, Does.Contain("spec.template.spec.containers[0].image"));
    }

    [Test]
    public void The_comparison_with_the_model_covers_every_property_of_the_view()
    {
        // A rule reads the view; a property the comparison leaves out could differ from the model unseen.
        foreach (var (type, compared) in ViewText.Compared)
        {
            Assert.That(type.GetProperties().Select(p => p.Name), Is.EquivalentTo(compared), type.Name);
        }
    }

    [TestCase(KindBinding.Template)]
    [TestCase(KindBinding.Pod)]
    public void Annotations_and_labels_no_rule_acts_on_cost_nothing_to_read(KindBinding kind)
    {
        // kubectl, Helm and Prometheus add a dozen of these to every object: no string, no map for them.
        var manifest = kind == KindBinding.Pod ? Pod : Base;
        var others = string.Join(", ", Enumerable.Range(0, 30).Select(i => $"app.example.com/setting-{i}: value-{i}"));
        var plain = Encoding.UTF8.GetBytes(AdmissionReviewBodies.Json(manifest));
        var crowded = Encoding.UTF8.GetBytes(AdmissionReviewBodies.Json(manifest
            .Replace("annotations: {", $"annotations: {{{others}, ", StringComparison.Ordinal)
            .Replace("labels: {", $"labels: {{{others}, ", StringComparison.Ordinal)));

        Assert.That(Allocated(crowded), Is.EqualTo(Allocated(plain)), "bytes allocated to read the object");
        Assert.That(ViewText.Describe(ObjectReader.Read(crowded)), Is.EqualTo(ViewText.Describe(ObjectReader.Read(plain))));
    }

    [TestCaseSource(typeof(ObjectKind), nameof(ObjectKind.BuiltIn))]
    public void A_built_in_kind_is_named_with_the_kind_table_s_own_strings(ObjectKind kind)
    {
        // Read once per object: no apiVersion or kind string made for each of them. Written with
        // an escape, the value is the same kind all the same.
        var plain = Header(kind.ApiVersion, kind.Name);
        var escaped = Header(kind.ApiVersion, $"\\u{(int)kind.Name[0]:x4}{kind.Name[1..]}");

        foreach (var json in new[] { plain, escaped })
        {
            var identity = ObjectReader.Read(json).Identity;
            Assert.Multiple(() =>
            {
                Assert.That(identity.ApiVersion, Is.SameAs(kind.ApiVersion), Encoding.UTF8.GetString(json));
                Assert.That(identity.Kind, Is.SameAs(kind.Name), Encoding.UTF8.GetString(json));
            });
        }
    }

    [Test]
    public void A_kind_near_one_of_the_table_is_named_as_written_and_out_of_scope()
    {
        var read = ObjectReader.Read("""{"apiVersion":"apps/v2","kind":"Deployments","metadata":{"name":"web"}}"""u8);

        Assert.That((read.Identity.ApiVersion, read.Identity.Kind, read.Reviewed), Is.EqualTo(("apps/v2", "Deployments", (ReviewedObject?)null)));
    }

    private static byte[] Header(string apiVersion, string kindText) =>
        Encoding.UTF8.GetBytes("{\"apiVersion\":\"" + apiVersion + "\",\"kind\":\"" + kindText + "\",\"metadata\":{\"name\":\"web\"}}");

    private static long Allocated(byte[] json)
    {
        for (var i = 0; i < 100; i++)
        {
            ObjectReader.Read(json);
        }

        // The least of a few reads: what the read itself allocates, whatever else the runtime does meanwhile.
        var least = long.MaxValue;
        for (var i = 0; i < 5; i++)
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            ObjectReader.Read(json);
            least = Math.Min(least, GC.GetAllocatedBytesForCurrentThread() - before);
        }

        return least;
    }

    // Each breaks one field a rule reads; KubernetesClient's model names it and the shape it wanted.
    private static readonly (string Name, string Manifest, string Find, string Replace)[] Broken =
    [
        ("annotations not a map", Base, "annotations: {k8s.aliyun.com/acr-instance-ids: cri-own}", "annotations: [cri-own]"),
        ("annotation not a string", Base, "{k8s.aliyun.com/acr-service-arns: \"acs:ram::1609982529123456:role/role-assume\"}", "{k8s.aliyun.com/acr-service-arns: [a]}"),
        ("other annotation not a string", Base, "annotations: {k8s.aliyun.com/acr-instance-ids: cri-own}", "annotations: {prometheus.io/scrape: {a: b}}"),
        ("plain key not a string", Base, "annotations: {k8s.aliyun.com/acr-instance-ids: cri-own}", "annotations: {team: [a]}"),
        ("name", Base, "name: web", "name: [web]"),
        ("namespace", Base, "namespace: shop", "namespace: {a: b}"),
        ("labels", Base, "labels: {app: web}", "labels: [app]"),
        ("label value", Base, "labels: {app: web}", "labels: {app: [web]}"),
        ("containers", Base, "      containers:\n", "      containers: {a: b}\n      initContainers:\n"),
        ("container", Base, "      - {name: web,", "      - 5\n      - {name: web,"),
        ("image", Base, "image: \"registry.example.com/shop/web:1\"", "image: {name: web}"),
        ("init container image", Base, "      containers:", "      initContainers: [{name: i, image: 5}]\n      containers:"),
        ("node selector", Base, "      containers:", "      nodeSelector: [a]\n      containers:"),
        ("node selector value", Base, "      containers:", "      nodeSelector: {type: [a]}\n      containers:"),
        ("node name", Base, "      containers:", "      nodeName: [a]\n      containers:"),
        ("tolerations", Base, "      containers:", "      tolerations: {key: a}\n      containers:"),
        ("toleration key", Base, "      containers:", "      tolerations: [{key: 5}]\n      containers:"),
        ("toleration", Base, "      containers:", "      tolerations: [a]\n      containers:"),
        ("owner references", Pod, "ownerReferences: [{apiVersion: apps/v1, kind: ReplicaSet, name: web-7d9f, uid: u2, controller: true}]", "ownerReferences: {a: b}"),
        ("owner controller", Pod, "controller: true", "controller: \"yes\""),
        ("owner", Pod, "ownerReferences: [{", "ownerReferences: [5, {"),
        ("pod image", Pod, "image: \"cri-own-registry.cn-hangzhou.cr.aliyuncs.com/shop/web:1\"", "image: [x]"),
        ("pod metadata", Pod, "metadata:\n  generateName: web-7d9f-", "metadata: [x]\nx:\n  generateName: web-7d9f-"),
        ("cron job template annotations", CronJob, "metadata: {annotations: {k8s.aliyun.com/acr-instance-ids: cri-x}}", "metadata: {annotations: cri-x}"),
        ("job template labels", CronJob, "metadata: {annotations: {k8s.aliyun.com/acr-user-arns:", "metadata: {labels: 5, annotations: {k8s.aliyun.com/acr-user-arns:"),
        ("image cache images", ImageCacheYaml, "images:\n  - registry.example.com/a/b:1", "images: {a: b}"),
        ("image cache image", ImageCacheYaml, "  - registry.example.com/a/b:1", "  - [x]"),
        ("image cache secret", ImageCacheYaml, "  - default:secret1", "  - {a: b}"),
    ];

    public static IEnumerable<TestCaseData> BrokenObjects() =>
        Broken.Select(b => new TestCaseData(b.Manifest, b.Find, b.Replace).SetArgDisplayNames(b.Name));

    [TestCaseSource(nameof(BrokenObjects))]
    public void A_value_of_the_wrong_type_in_a_field_the_rules_read_is_named_as_the_model_names_it(string manifest, string find, string replace)
    {
        Assert.That(manifest, Does.Contain(find), "the case changes its fixture");
        var json = AdmissionReviewBodies.Json(manifest.Replace(find, replace, StringComparison.Ordinal));

        var expected = ModelReader.Problem(json, Workloads);
        var error = Assert.Throws<UnreadableObjectException>(() => ObjectReader.Read(Encoding.UTF8.GetBytes(json), Workloads));

        Assert.That(expected, Is.Not.Null, "KubernetesClient's model refuses the object");
        Assert.That(error!.Message, Is.EqualTo(expected));
    }

    // What the rules read, whatever the kind is called.
    private static string View(KubeObject obj)
    {
        var text = new StringBuilder();
        if (obj.Reviewed is not { } view)
        {
            return "out of scope";
        }

        text.AppendLine($"{obj.Identity.Namespace}/{obj.Identity.Name} owned={view.IsControllerOwned} eci={view.Target.HasEciMarker}");
        foreach (var set in (AnnotationSet?[])[view.WorkloadAnnotations, .. view.NestedAnnotations, view.Target.Annotations])
        {
            foreach (var annotation in set?.Items ?? [])
            {
                text.AppendLine($"{set!.MetadataPath}: {annotation}");
            }
        }

        foreach (var image in view.Target.Images)
        {
            text.AppendLine($"{image.Path}: {image.Reference}");
        }

        foreach (var secret in view.PullSecrets)
        {
            text.AppendLine(secret.ToString());
        }

        return text.ToString();
    }

    private static string Workload(string file) =>
        File.ReadAllText(Path.Combine(TestContext.CurrentContext.TestDirectory, WorkloadCases.Directory, file));

    private static string Findings(KubeObject obj) =>
        string.Join("; ", new Evaluator(AcrGuardConfig.Default).Evaluate(obj).Findings.Select(f => $"{f.Rule} {f.Severity} {f.Path}"));

    [GeneratedRegex(@"^apiVersion: \S+\nkind: \S+\n", RegexOptions.Multiline)]
    private static partial Regex HeaderPattern();

    private const string AdvancedCronJob = """
        apiVersion: apps.kruise.io/v1alpha1
        kind: AdvancedCronJob
        metadata: {name: nightly, namespace: shop, annotations: {k8s.aliyun.com/acr-instance-ids: cri-x}}
        spec:
          schedule: "0 3 * * *"
          template:
            jobTemplate:
              metadata: {labels: {a: b}, annotations: {k8s.aliyun.com/acr-user-arns: "acs:ram::1298452580123456:role/role-acr"}}
              spec:
                backoffLimit: 2
                template:
                  metadata: {annotations: {k8s.aliyun.com/acr-instance-ids: cri-x}}
                  spec:
                    restartPolicy: Never
                    nodeSelector: {type: virtual-kubelet}
                    containers: [{name: c, image: "cr-x-registry.cn-hangzhou.cr.aliyuncs.com/a/b:1", env: [{name: A, value: b}]}]
        """;

    private const string ImageCacheYaml = """
        apiVersion: eci.alibabacloud.com/v1
        kind: ImageCache
        metadata: {name: cache, annotations: {k8s.aliyun.com/acr-instance-ids: cri-x}}
        spec:
          images:
          - registry.example.com/a/b:1
          imagePullSecrets:
          - default:secret1
        """;

    private const string CronJob = """
        apiVersion: batch/v1
        kind: CronJob
        metadata: {name: nightly, annotations: {a: b}}
        spec:
          schedule: "0 3 * * *"
          jobTemplate:
            metadata: {annotations: {k8s.aliyun.com/acr-user-arns: "acs:ram::1298452580123456:role/role-acr"}}
            spec:
              backoffLimit: 2
              template:
                metadata: {annotations: {k8s.aliyun.com/acr-instance-ids: cri-x}}
                spec:
                  restartPolicy: Never
                  tolerations: [{key: virtual-kubelet.io/provider}]
                  containers: [{name: c, image: "cr-x-registry.cn-hangzhou.cr.aliyuncs.com/a/b:1"}]
        """;

    private const string Pod = """
        apiVersion: v1
        kind: Pod
        metadata:
          generateName: web-7d9f-
          namespace: shop
          labels: {eci: "true"}
          annotations: {k8s.aliyun.com/acr-instance-ids: cri-own}
          ownerReferences: [{apiVersion: apps/v1, kind: ReplicaSet, name: web-7d9f, uid: u2, controller: true}]
        spec:
          containers: [{name: web, image: "cri-own-registry.cn-hangzhou.cr.aliyuncs.com/shop/web:1"}]
        """;
}
