using k8s;
using k8s.Autorest;
using k8s.Models;

namespace AcrGuard.EndToEnd.Tests;

/// <summary>
/// mode-label.acrguard.io behind a real kube-apiserver: with the default modeLabel only
/// system:masters (the K3s admin) may put a namespace in audit; a developer allowed by RBAC to
/// edit namespaces may not, but may take the label off and change anything else.
/// </summary>
public class ModeLabelGuardTests
{
    private const string Namespace = "e2e-guarded";
    private const string Developer = "alice@example.com";

    private static Kubernetes Admin => EndToEndCluster.Client;

    [OneTimeSetUp]
    public async Task CreateNamespaceAndDeveloperAsync()
    {
        await Admin.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = Namespace } });
        await Admin.CreateClusterRoleAsync(new V1ClusterRole
        {
            Metadata = new V1ObjectMeta { Name = "e2e-namespace-editor" },
            Rules = [new V1PolicyRule { ApiGroups = [""], Resources = ["namespaces"], Verbs = ["get", "list", "create", "update", "patch"] }],
        });
        await Admin.CreateClusterRoleBindingAsync(new V1ClusterRoleBinding
        {
            Metadata = new V1ObjectMeta { Name = "e2e-namespace-editor" },
            RoleRef = new V1RoleRef { ApiGroup = "rbac.authorization.k8s.io", Kind = "ClusterRole", Name = "e2e-namespace-editor" },
            Subjects = [new Rbacv1Subject { ApiGroup = "rbac.authorization.k8s.io", Kind = "User", Name = Developer }],
        });
    }

    [TearDown]
    public async Task TakeTheLabelOffAsync() =>
        await Admin.PatchNamespaceAsync(Label(null), Namespace);

    [Test]
    public async Task A_developer_is_denied_naming_the_label_and_who_may_set_it_and_so_is_their_dry_run()
    {
        using var developer = EndToEndCluster.ClientAs(Developer, "developers");

        var denial = await DeniedAsync(() => developer.PatchNamespaceAsync(Label("audit"), Namespace));
        var dryRun = await DeniedAsync(() => developer.PatchNamespaceAsync(Label("audit"), Namespace, dryRun: "All"));

        Assert.Multiple(() =>
        {
            Assert.That(denial, Does.Contain("admission webhook \\\"mode-label.acrguard.io\\\" denied the request"));
            Assert.That(denial, Does.Contain("acrguard.io/mode: audit").And.Contain("only groups system:masters may set it").And.Contain(Developer));
            Assert.That(dryRun, Does.Contain("mode-label.acrguard.io"));
        });
        var stored = await Admin.ReadNamespaceAsync(Namespace);
        Assert.That(stored.Metadata.Labels?.ContainsKey("acrguard.io/mode") ?? false, Is.False);
    }

    [Test]
    public async Task The_admin_may_set_it_and_the_developer_may_change_other_labels_and_take_it_off()
    {
        using var developer = EndToEndCluster.ClientAs(Developer, "developers");

        await Admin.PatchNamespaceAsync(Label("audit"), Namespace);
        await developer.PatchNamespaceAsync(new V1Patch("""{"metadata":{"labels":{"cost-center":"4711"}}}""", V1Patch.PatchType.MergePatch), Namespace);
        await developer.PatchNamespaceAsync(Label(null), Namespace);

        var stored = await Admin.ReadNamespaceAsync(Namespace);
        Assert.Multiple(() =>
        {
            Assert.That(stored.Metadata.Labels, Does.ContainKey("cost-center"));
            Assert.That(stored.Metadata.Labels, Does.Not.ContainKey("acrguard.io/mode"));
        });
    }

    // A merge patch of the one label; null takes it off.
    private static V1Patch Label(string? mode) =>
        new("{\"metadata\":{\"labels\":{\"acrguard.io/mode\":" + (mode is null ? "null" : $"\"{mode}\"") + "}}}", V1Patch.PatchType.MergePatch);

    private static async Task<string> DeniedAsync(Func<Task> request)
    {
        try
        {
            await request();
        }
        catch (HttpOperationException e)
        {
            Assert.That((int)e.Response.StatusCode, Is.EqualTo(403), e.Response.Content);
            return e.Response.Content;
        }

        Assert.Fail("the request was allowed");
        return string.Empty;
    }
}
