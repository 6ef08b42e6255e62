namespace Ferry.Core.Migrations;

/// <summary>Where migrations come from: a folder of scripts, an assembly of C# classes, or both.</summary>
public interface IMigrationSource
{
    /// <summary>Loads and checks every migration; bad input (syntax error, unreadable folder, bad file name) throws
    /// <see cref="Errors.UserInputException"/> before anything is written.</summary>
    IReadOnlyList<Migration> Load();
}

/// <summary>Several sources as one, ordered by version; a version defined twice is an error naming both places.</summary>
public sealed class CompositeMigrationSource(IEnumerable<IMigrationSource> sources) : IMigrationSource
{
    public IReadOnlyList<Migration> Load()
    {
        var all = sources.SelectMany(s => s.Load()).OrderBy(m => m.Version).ToList();
        for (var i = 1; i < all.Count; i++)
        {
            if (all[i].Version.Equals(all[i - 1].Version))
            {
                throw new Errors.UserInputException(
                    $"duplicate migration version {all[i].Version}: {all[i - 1].Source} and {all[i].Source}; give one of them another version");
            }
        }

        return all;
    }
}
