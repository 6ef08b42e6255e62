using Jint;
using Jint.Native;
using Jint.Native.Object;
using Jint.Runtime.Interop;

namespace Ferry.Scripting.Shell;

/// <summary>
/// The proxy behind <c>db</c> and each collection: reading a property that is not a method gives a collection,
/// as in mongosh (<c>db.users</c>, and <c>db.system.profile</c> through the collection <c>system</c>). Names
/// that promise machinery and printers probe (<c>then</c>, <c>toJSON</c>, …) are never collections, so
/// <c>await db</c> and <c>printjson(db)</c> behave. Symbols are forwarded untouched.
/// </summary>
internal sealed class ShellNamespaceHandler(Func<string, JsValue> resolve) : ProxyHandler
{
    private static readonly HashSet<string> Reserved = ["then", "toJSON", "inspect", "constructor", "__proto__", "prototype", "length"];

    public override JsValue? Get(ObjectInstance target, JsValue property, JsValue receiver)
    {
        if (property is not JsString name || target.HasProperty(property) || Reserved.Contains(name.ToString()))
        {
            return null;
        }

        return resolve(name.ToString());
    }
}
