using YamlDotNet.Core;
using YamlDotNet.Core.Events;

// Parses each file with YamlDotNet's parser, as `acrguard check` does (YamlToJson: a Parser over
// the text, not the MergingParser), reading every event and doing nothing with it.
//   acrguard-parse-floor FILE...     prints the documents and events read
var documents = 0L;
var events = 0L;
foreach (var path in args)
{
    try
    {
        using var text = new StreamReader(path);
        var parser = new Parser(text);
        while (parser.MoveNext())
        {
            events++;
            documents += parser.Current is DocumentStart ? 1 : 0;
        }
    }
    catch (Exception e) when (e is IOException or UnauthorizedAccessException or YamlException)
    {
        Console.Error.WriteLine($"parse-floor: {path}: {e.Message}");
        return 2;
    }
}

Console.WriteLine($"{documents} documents, {events} events");
return 0;
