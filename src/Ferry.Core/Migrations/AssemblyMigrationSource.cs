using System.Reflection;
using Ferry.Core.Errors;

namespace Ferry.Core.Migrations;

/// <summary>
/// C# migrations: public classes implementing <see cref="IMigration"/> and marked with
/// <see cref="MigrationAttribute"/>, in an assembly given by path (or already loaded, for tests and hosts).
/// </summary>
public sealed class AssemblyMigrationSource : IMigrationSource
{
    private readonly Func<Assembly> _assembly;

    public AssemblyMigrationSource(string assemblyPath)
    {
        _assembly = () =>
        {
            try
            {
                return Assembly.LoadFrom(Path.GetFullPath(assemblyPath));
            }
            catch (Exception e) when (e is IOException or BadImageFormatException)
            {
                throw new UserInputException($"--assembly {assemblyPath}: cannot load: {e.Message}", e);
            }
        };
    }

    public AssemblyMigrationSource(Assembly assembly) => _assembly = () => assembly;

    public IReadOnlyList<Migration> Load()
    {
        var migrations = new List<Migration>();
        foreach (var type in _assembly().GetTypes().Where(t => t is { IsClass: true, IsAbstract: false } && typeof(IMigration).IsAssignableFrom(t)))
        {
            var attribute = type.GetCustomAttribute<MigrationAttribute>();
            if (attribute is null)
            {
                continue;
            }

            if (attribute.Version < 0)
            {
                throw new UserInputException($"{type.FullName}: [Migration] version must not be negative");
            }

            if (type.GetConstructor(Type.EmptyTypes) is null)
            {
                throw new UserInputException($"{type.FullName}: a migration class needs a public parameterless constructor");
            }

            var instance = (IMigration)Activator.CreateInstance(type)!;
            var version = MigrationVersion.Parse(attribute.Version.ToString(System.Globalization.CultureInfo.InvariantCulture));
            migrations.Add(new Migration(version, attribute.Description, type.FullName ?? type.Name, null, HasDown: true, new ClrMigrationBody(instance)));
        }

        return migrations.OrderBy(m => m.Version).ToList();
    }
}
