using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Ferry.Core.Yaml;

/// <summary>
/// A YAML parser that remembers where it was: the last event read and the flow collections (<c>{ … }</c>,
/// <c>[ … ]</c>) still open. YamlDotNet's scanner fails on some unclosed flow collections with a bare
/// InvalidOperationException that carries no position; this gives the error a FILE:LINE:COLUMN and a reason.
/// </summary>
internal sealed class PositionTrackingParser(IParser inner) : IParser
{
    private readonly Stack<ParsingEvent> _openFlows = new();

    public ParsingEvent? Current => inner.Current;

    /// <summary>The last event read successfully (null before the first).</summary>
    public ParsingEvent? Last { get; private set; }

    /// <summary>The innermost flow collection not closed yet (null when none is open).</summary>
    public ParsingEvent? InnermostOpenFlow => _openFlows.Count > 0 ? _openFlows.Peek() : null;

    public bool MoveNext()
    {
        var moved = inner.MoveNext();
        if (moved && inner.Current is { } current)
        {
            Last = current;
            switch (current)
            {
                case MappingStart { Style: MappingStyle.Flow } or SequenceStart { Style: SequenceStyle.Flow }:
                    _openFlows.Push(current);
                    break;
                case MappingEnd or SequenceEnd when _openFlows.Count > 0:
                    // Inside a flow collection everything nested is flow too, so any end closes the innermost one.
                    _openFlows.Pop();
                    break;
            }
        }

        return moved;
    }
}
