using Spectre.Console.Cli;

namespace Ferry.Cli.Infrastructure;

/// <summary>A minimal container for Spectre.Console.Cli: singletons by type, commands built by their constructors.</summary>
public sealed class TypeRegistrar : ITypeRegistrar
{
    private readonly Dictionary<Type, Func<object>> _factories = [];

    public void Register(Type service, Type implementation) =>
        _factories[service] = () => Construct(implementation);

    public void RegisterInstance(Type service, object implementation) =>
        _factories[service] = () => implementation;

    public void RegisterLazy(Type service, Func<object> factory)
    {
        var lazy = new Lazy<object>(factory);
        _factories[service] = () => lazy.Value;
    }

    public ITypeResolver Build() => new Resolver(this);

    private object Construct(Type type)
    {
        var ctor = type.GetConstructors().OrderByDescending(c => c.GetParameters().Length).First();
        var args = ctor.GetParameters().Select(p => Resolve(p.ParameterType)
            ?? throw new InvalidOperationException($"cannot resolve {p.ParameterType} for {type}")).ToArray();
        return ctor.Invoke(args);
    }

    private object? Resolve(Type? type)
    {
        if (type is null)
        {
            return null;
        }

        if (_factories.TryGetValue(type, out var factory))
        {
            return factory();
        }

        // Spectre asks for IEnumerable<T> of optional services (help providers, interceptors): give what is registered.
        if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(IEnumerable<>))
        {
            var element = type.GetGenericArguments()[0];
            var items = _factories.TryGetValue(element, out var single) ? new[] { single() } : [];
            var array = Array.CreateInstance(element, items.Length);
            items.CopyTo(array, 0);
            return array;
        }

        return type.IsAbstract || type.IsInterface ? null : Construct(type);
    }

    private sealed class Resolver(TypeRegistrar registrar) : ITypeResolver
    {
        public object? Resolve(Type? type) => registrar.Resolve(type);
    }
}
