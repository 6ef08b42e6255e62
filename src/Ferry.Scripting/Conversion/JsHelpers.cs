using Jint;
using Jint.Native;
using Jint.Native.Object;
using Jint.Runtime;

namespace Ferry.Scripting.Conversion;

/// <summary>Small operations on script objects that Jint keeps internal, done through the intrinsics.</summary>
internal static class JsHelpers
{
    public static void SetPrototype(Engine engine, ObjectInstance target, ObjectInstance prototype) =>
        engine.Intrinsics.Object.Get("setPrototypeOf").Call(target, prototype);


    /// <summary>Defines a non-enumerable method, as built-in methods are.</summary>
    public static void Method(Engine engine, ObjectInstance target, string name, Func<JsValue, JsValue[], JsValue> body, int length = 0) =>
        target.FastSetProperty(name, new Jint.Runtime.Descriptors.PropertyDescriptor(
            new Jint.Runtime.Interop.ClrFunction(engine, name, body, length), writable: true, enumerable: false, configurable: true));

    public static JsValue Arg(JsValue[] args, int index) => index < args.Length ? args[index] : JsValue.Undefined;

    public static JavaScriptException TypeError(Engine engine, string message) => new(engine.Intrinsics.TypeError, message);

    public static JavaScriptException Error(Engine engine, string message) => new(engine.Intrinsics.Error, message);
}
