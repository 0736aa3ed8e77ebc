using System.Text;
using System.Text.Json;
using AcrGuard.Audit;
using AcrGuard.Audit.Cluster;

namespace AcrGuard.Tests.Audit;

/// <summary>A list page read from its bytes: every item in order, one tree at a time, and the token of the next page wherever the server puts it.</summary>
public class ListPageTests
{
    private static ListPage Read(string json, Action<byte[]>? release = null)
    {
        var bytes = Encoding.UTF8.GetBytes(json);
        return ListPage.Read(bytes, bytes.Length, release);
    }

    private const string Pods = """
        {"kind":"PodList","apiVersion":"v1","metadata":{"resourceVersion":"2100","continue":"eyJ2IjoibWV0YS5rOHMuaW8vdjEifQ","remainingItemCount":2},
         "items":[{"metadata":{"name":"web-0","namespace":"shop","uid":"u0","ownerReferences":[{"kind":"ReplicaSet","name":"web","uid":"rs","controller":true}]},"spec":{"containers":[{"name":"a","image":"nginx"}]}},
                  {"metadata":{"name":"web-1","namespace":"shop","uid":"u1"}}]}
        """;

    [Test]
    public void Items_come_in_order_with_the_token_and_version_of_the_page()
    {
        using var page = Read(Pods);

        var listed = page.Items().Select(ListedItem.Read).ToList();

        Assert.Multiple(() =>
        {
            Assert.That(page.Count, Is.EqualTo(2));
            Assert.That(listed.Select(i => i.Key), Is.EqualTo(new[] { "shop/web-0", "shop/web-1" }));
            Assert.That(listed[0].ControllerUid, Is.EqualTo("rs"));
            Assert.That(page.Continue, Is.EqualTo("eyJ2IjoibWV0YS5rOHMuaW8vdjEifQ"));
            Assert.That(page.ResourceVersion, Is.EqualTo("2100"));
        });
    }

    [Test]
    public void An_item_is_its_own_bytes_as_listed()
    {
        using var page = Read(Pods);

        var first = page.Items().First();

        Assert.That(first.GetRawText(), Does.StartWith("{\"metadata\":{\"name\":\"web-0\"").And.EndWith("\"image\":\"nginx\"}]}}"));
    }

    [Test]
    public void Metadata_after_the_items_is_read_too()
    {
        using var page = Read("""{"items":[{"metadata":{"name":"a"}}],"metadata":{"continue":"next"},"kind":"PodList"}""");

        Assert.Multiple(() =>
        {
            Assert.That(page.Items().Select(i => ListedItem.Read(i).Name), Is.EqualTo(new[] { "a" }));
            Assert.That(page.Continue, Is.EqualTo("next"));
        });
    }

    [TestCase("""{"kind":"PodList","metadata":{"continue":""},"items":[]}""")]
    [TestCase("""{"kind":"PodList","metadata":{}}""")]
    [TestCase("""{"kind":"PodList","metadata":{"continue":null},"items":null}""")]
    [TestCase("""[1, 2]""")]
    public void A_last_page_or_one_without_items_has_no_item_and_no_token(string json)
    {
        using var page = Read(json);

        Assert.Multiple(() =>
        {
            Assert.That(page.Items(), Is.Empty);
            Assert.That(page.Count, Is.Zero);
            Assert.That(page.Continue, Is.Null);
        });
    }

    [Test]
    public void A_key_given_twice_counts_once_the_last_time_as_json_document_reads_it()
    {
        using var page = Read("""{"items":[{"metadata":{"name":"a"}}],"items":[{"metadata":{"name":"b"}}]}""");

        Assert.That(page.Items().Select(i => ListedItem.Read(i).Name), Is.EqualTo(new[] { "b" }));
    }

    [TestCase("""{"items":[{"metadata":{"name":"a"}}],""")]
    [TestCase("""{"items":[{"metadata":{"name":"a"}}]} trailing""")]
    [TestCase("""<html>502 Bad Gateway</html>""")]
    public void A_page_that_is_not_json_is_refused_whole(string json)
    {
        Assert.That(() => Read(json), Throws.InstanceOf<JsonException>());
    }

    [Test]
    public void Its_bytes_are_handed_back_once_when_it_is_disposed()
    {
        var released = new List<byte[]>();
        var page = Read(Pods, released.Add);
        _ = page.Items().Count();

        page.Dispose();
        page.Dispose();

        Assert.That(released, Has.Count.EqualTo(1));
    }
}
