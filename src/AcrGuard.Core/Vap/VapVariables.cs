using AcrGuard.Annotations;
using AcrGuard.Configuration;

namespace AcrGuard.Vap;

/// <summary>
/// The shared variables of the policies: where each kind keeps its pull annotations, pod spec
/// and images, read once per evaluation (kube-apiserver evaluates a variable at most once, when
/// first used). Every field is checked before it is selected: selecting one that is not set is
/// an error, and an error fails the policy.
/// </summary>
internal sealed partial class VapVariables(IReadOnlyList<VapKind> kinds, AcrGuardConfig config)
{
    public IReadOnlyList<VapKind> Kinds { get; } = kinds;

    public IReadOnlyList<CustomDomain> CustomDomains { get; } = config.CustomDomains;

    /// <summary>The metadata paths of the objects between workloads and their pods, each the variable <c>nested{i}</c>.</summary>
    public IReadOnlyList<string> NestedPaths { get; } = [.. kinds.SelectMany(k => k.Nested).Select(p => string.Join('.', p)).Distinct()];

    public string Define(string name, Subject s, VapScope scope)
    {
        if (name.StartsWith("nested", StringComparison.Ordinal))
        {
            return Nested(int.Parse(name["nested".Length..], System.Globalization.CultureInfo.InvariantCulture), s, scope);
        }

        if (name.StartsWith("customDomain", StringComparison.Ordinal))
        {
            return OnCustomDomain(int.Parse(name["customDomain".Length..], System.Globalization.CultureInfo.InvariantCulture), s, scope);
        }

        return name switch
        {
            "type" => "object.apiVersion + '/' + object.kind",
            "templatePath" => ByKind(k => k.Metadata, p => CelText.String(string.Join('.', p)), "''", scope),
            "specPath" => ByKind(k => k.IsImageCache ? null : k.PodSpec, p => CelText.String(string.Join('.', p)), "''", scope),
            "target" => s.Guard(ByKind(k => k.Metadata, p => CelText.At(s.Root, [.. p, "annotations"], "{}"), "{}", scope), "{}"),
            "labels" => s.Guard(ByKind(k => k.IsImageCache ? null : k.Metadata, p => CelText.At(s.Root, [.. p, "labels"], "{}"), "{}", scope), "{}"),
            "own" => s.Guard($"{In(Kinds.Where(k => k.IsWorkload), scope)} ? {CelText.At(s.Root, ["metadata", "annotations"], "{}")} : {{}}", "{}"),
            "podSpec" => s.Guard(ByKind(k => k.IsImageCache ? null : k.PodSpec, p => CelText.At(s.Root, p, "{}"), "{}", scope), "{}"),
            "images" => s.Guard(Images(s, scope), "[]"),
            "imageSections" => ImageSections(s, scope),
            "hosts" => Hosts(s, scope),
            "registries" => Registries(s, scope),
            "instanceIds" => InstanceIds(s, scope),
            "eciMarked" => EciMarked(s, scope),
            "pullSecrets" => s.Guard(
                $"{scope.Var("type")} == 'eci.alibabacloud.com/v1/ImageCache' ? {CelText.At(s.Root, ["spec", "imagePullSecrets"], "[]")} : []", "[]"),
            "reviewed" => Reviewed(s, scope),
            _ => throw new ArgumentOutOfRangeException(nameof(name), name, "no such variable"),
        };
    }

    /// <summary><c>variables.type in ['apps/v1/Deployment', ...]</c>, or <c>==</c> for one kind.</summary>
    public static string In(IEnumerable<VapKind> kinds, VapScope scope)
    {
        var types = kinds.Select(k => k.Type).ToList();
        return types.Count == 1 ? $"{scope.Var("type")} == {CelText.String(types[0])}" : $"{scope.Var("type")} in {CelText.List(types)}";
    }

    /// <summary>
    /// One branch per distinct path, for the kinds that keep the thing there; <paramref name="otherwise"/>
    /// for kinds without it. Kinds share branches: most keep their pod template at spec.template.
    /// </summary>
    private string ByKind(Func<VapKind, IReadOnlyList<string>?> path, Func<IReadOnlyList<string>, string> value, string otherwise, VapScope scope)
    {
        var branches = Kinds
            .Select(k => (Kind: k, Path: path(k)))
            .Where(b => b.Path is not null)
            .GroupBy(b => string.Join('.', b.Path!))
            .Select(g => $"{In(g.Select(b => b.Kind), scope)} ? {value(g.First().Path!)}");
        return string.Join("\n: ", branches.Append(otherwise));
    }

    /// <summary>The kinds whose objects on the way to their pods have their metadata at <c>NestedPaths[index]</c>.</summary>
    public IEnumerable<VapKind> NestedKinds(int index) => Kinds.Where(k => k.Nested.Any(n => string.Join('.', n) == NestedPaths[index]));

    private string Nested(int index, Subject s, VapScope scope) =>
        s.Guard($"{In(NestedKinds(index), scope)} ? {CelText.At(s.Root, [.. NestedPaths[index].Split('.'), "annotations"], "{}")} : {{}}", "{}");

    // In the order the webhook lists them (containers, initContainers, ephemeralContainers), an
    // empty string where a container has no image, so that positions stay those of the object.
    private static string Images(Subject s, VapScope scope)
    {
        var spec = scope.Var("podSpec", s);
        var parts = string.Join("\n+ ", ((string[])["containers", "initContainers", "ephemeralContainers"])
            .Select(f => $"(has({spec}.{f}) ? {spec}.{f}.map(c, has(c.image) ? c.image : '') : [])"));
        return $"{scope.Var("type")} == 'eci.alibabacloud.com/v1/ImageCache' ? {CelText.At(s.Root, ["spec", "images"], "[]")}\n: {parts}";
    }

    // How many images the containers and initContainers hold: an image's position in `images`
    // becomes its path.
    private static string ImageSections(Subject s, VapScope scope)
    {
        var spec = scope.Var("podSpec", s);
        return $"[has({spec}.containers) ? size({spec}.containers) : 0, has({spec}.initContainers) ? size({spec}.initContainers) : 0]";
    }

    /// <summary>The path of the image at position <paramref name="index"/> (an int expression) of <c>images</c>.</summary>
    public static string ImagePath(string index, Subject s, VapScope scope)
    {
        var sections = scope.Var("imageSections", s);
        var spec = scope.Var("specPath");
        return $"({scope.Var("type")} == 'eci.alibabacloud.com/v1/ImageCache' ? 'spec.images[' + string({index}) + ']'"
            + $"\n: {index} < {sections}[0] ? {spec} + '.containers[' + string({index}) + '].image'"
            + $"\n: {index} < {sections}[0] + {sections}[1] ? {spec} + '.initContainers[' + string({index} - {sections}[0]) + '].image'"
            + $"\n: {spec} + '.ephemeralContainers[' + string({index} - {sections}[0] - {sections}[1]) + '].image')";
    }

    // Per image, its registry host as ImageReference.Parse finds it (distribution/reference): the
    // first path segment if it has a dot or a colon, is localhost or has an upper-case letter, else
    // Docker Hub; lower-cased; '' where there is no image.
    private static string Hosts(Subject s, VapScope scope) =>
        $"{scope.Var("images", s)}.map(i, i.trim().split('@')[0])"
        + "\n.map(r, r == '' ? '' : r.indexOf('/') > 0 ? r.substring(0, r.indexOf('/')) : 'docker.io')"
        + "\n.map(f, f == '' ? '' : f.contains('.') || f.contains(':') || f == 'localhost' || f.matches('[A-Z]') ? f.lowerAscii() : 'docker.io')";

    // The valid instance ids of acr-instance-ids and the legacy key, without their region (AG003 compares so).
    private static string InstanceIds(Subject s, VapScope scope)
    {
        var target = scope.Var("target", s);
        var lists = string.Join(" + ", new[] { AcrAnnotationKeys.InstanceIds, AcrAnnotationKeys.LegacyInstanceId }
            .Select(k => $"({CelText.String(k)} in {target} ? {target}[{CelText.String(k)}].split(',') : [])"));
        return $"({lists})\n.map(i, i.trim()).filter(i, i.matches({CelText.String(AcrInstanceId.Pattern)}))\n.map(i, i.substring(i.lastIndexOf(':') + 1))";
    }

    // '1' at each position of `images` on the custom domain, '0' elsewhere: the string's first '1'
    // is the first such image and its count of '1's their number (CEL has no index in map()).
    private string OnCustomDomain(int index, Subject s, VapScope scope)
    {
        var domain = CustomDomains[index].Domain;
        var others = CelText.List(CustomDomains.Select(d => d.Domain));
        var withPort = CelText.String(domain + ":");
        var rest = $"h.substring({domain.Length + 1})";

        // RegistryClassifier: the host as written, else the host without its port, unless the host
        // as written is another configured domain.
        return $"{scope.Var("hosts", s)}.map(h, h == {CelText.String(domain)}"
            + $" || (!(h in {others}) && h.startsWith({withPort}) && !{rest}.contains(':') && !{rest}.contains(']')) ? '1' : '0').join()";
    }

    // A configured kind without its template is out of scope: ConfiguredWorkload reads nothing from it.
    private string Reviewed(Subject s, VapScope scope)
    {
        var configured = Kinds.Where(k => k.IsConfigured).ToList();
        var branches = configured.Select(k => $"({scope.Var("type")} == {CelText.String(k.Type)} && {CelText.Has(s.Root, k.Template)})");
        return s.Guard($"!({In(configured, scope)}) || {string.Join(" || ", branches)}", "false");
    }
}
