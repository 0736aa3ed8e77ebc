using System.Text;
using AcrGuard.Findings;
using AcrGuard.Repairs;

namespace AcrGuard.Check.Fixing;

/// <summary>
/// <c>--fix</c> on one file: its bytes read as strict UTF-8 (a byte-order mark kept, a file that is
/// not UTF-8 left alone: writing it back would change bytes that were never meant to change),
/// repaired by <see cref="ManifestFixer"/>, and written back in place (through a symbolic link,
/// keeping the file's mode), or with <c>--dry-run</c> only recorded for the diff.
/// </summary>
internal sealed class RepairingFiles(Evaluator evaluator, FixMode mode)
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>The file's repairs, its text as they leave it; null when it is not read here (check then reads and reports it as usual).</summary>
    public FixResult? Repair(CheckReport report, string display, string fullPath)
    {
        string text;
        try
        {
            text = StrictUtf8.GetString(File.ReadAllBytes(fullPath));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
        catch (DecoderFallbackException)
        {
            report.FixNotes.Add($"{display}: not fixed: not valid UTF-8");
            return null;
        }

        var result = ManifestFixer.Fix(display, text, evaluator);
        if (!result.Changed)
        {
            return result;
        }

        if (mode == FixMode.Write)
        {
            try
            {
                File.WriteAllBytes(fullPath, StrictUtf8.GetBytes(result.Text));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                report.InputErrors.Add($"{display}: cannot write the repairs: {e.Message}");
                return FixResult.Unchanged(text);
            }
        }

        report.FixedFiles.Add(new FixedFile(display, text, result.Text, result.Edits, result.RepairCount));
        return result;
    }
}
