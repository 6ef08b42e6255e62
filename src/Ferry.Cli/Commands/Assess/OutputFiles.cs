using Ferry.Core.Errors;

namespace Ferry.Cli.Commands.Assess;

/// <summary>Result files of the assessment verbs: checked before any work (bad input writes nothing), written whole
/// (a temporary file moved into place, so a reader never sees half a file).</summary>
internal static class OutputFiles
{
    public static void CheckWritable(string option, string? path)
    {
        if (path is null)
        {
            return;
        }

        var folder = Path.GetDirectoryName(Path.GetFullPath(path));
        if (folder is null || !Directory.Exists(folder))
        {
            throw new UserInputException($"{option} {path}: the folder {folder} does not exist");
        }

        if (Directory.Exists(path))
        {
            throw new UserInputException($"{option} {path}: is a folder; expected a file name");
        }
    }

    public static async Task WriteAsync(string path, string text, CancellationToken cancellationToken)
    {
        var temp = path + $".{Guid.NewGuid():N}.tmp";
        await File.WriteAllTextAsync(temp, text, cancellationToken).ConfigureAwait(false);
        File.Move(temp, path, overwrite: true);
    }
}
