using ClusterNet.Core.Model;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace ClusterNet.Kubernetes.Files;

/// <summary>
/// Builds <see cref="ManifestNode"/> trees from YamlDotNet parser events without recursion, enforcing
/// <see cref="ManifestLimits"/>. Aliases share the anchored node; merge keys (&lt;&lt;) are applied as kubectl does.
/// </summary>
internal sealed class ManifestTreeBuilder(string file, int firstLine, int firstColumnOffset, List<ManifestDocument> documents, ICollection<SourceDiagnostic> diagnostics)
{
    private readonly Stack<Frame> _stack = new();
    private readonly Dictionary<string, ManifestNode> _anchors = new(StringComparer.Ordinal);
    private long _aliasExpansion;
    private long _documentNodes;
    private ManifestNode? _root;
    private int _documentLine;
    private bool _documentOpen;

    private int DocumentIndex => documents.Count + 1;

    public void Parse(string chunk)
    {
        var parser = new Parser(new StringReader(chunk));
        var lastLine = firstLine;
        var lastColumn = 1;
        while (true)
        {
            ParsingEvent e;
            try
            {
                if (!parser.MoveNext())
                {
                    return;
                }

                e = parser.Current!;
            }
            catch (YamlException ex)
            {
                var (line, column) = Position(ex.Start);
                Fail("malformed YAML: " + ex.Message, line, column);
                return;
            }
            catch (Exception ex) when (ex is InvalidOperationException or ArgumentException or FormatException)
            {
                // YamlDotNet throws these for some truncated flow collections; the last good position is the best hint.
                Fail($"malformed YAML after line {lastLine} column {lastColumn} (an unterminated [ ] or {{ }}?)", lastLine, lastColumn);
                return;
            }

            (lastLine, lastColumn) = Position(e.Start);
            try
            {
                Handle(e, lastLine, lastColumn);
            }
            catch (ManifestParseException ex)
            {
                Fail(ex.Message, ex.Line, ex.Column);
                return;
            }
        }
    }

    private void Handle(ParsingEvent e, int line, int column)
    {
        switch (e)
        {
            case DocumentStart:
                BeginDocument(line);
                break;
            case DocumentEnd:
                EndDocument();
                break;
            case MappingStart m:
                Push(new ManifestMapping(line, column), m.Anchor);
                break;
            case SequenceStart s:
                Push(new ManifestSequence(line, column), s.Anchor);
                break;
            case MappingEnd or SequenceEnd:
                Pop();
                break;
            case Scalar scalar:
                var tag = scalar.Tag.IsEmpty || scalar.Tag.IsNonSpecific ? null : scalar.Tag.Value;
                var kind = scalar.Style is ScalarStyle.Plain && tag is null ? ManifestScalarKind.Plain : ManifestScalarKind.String;
                if (tag is "tag:yaml.org,2002:int" or "tag:yaml.org,2002:float" or "tag:yaml.org,2002:bool" or "tag:yaml.org,2002:null")
                {
                    kind = ManifestScalarKind.Plain;
                }

                var node = new ManifestScalar(scalar.Value, kind, line, column);
                Remember(scalar.Anchor, node);
                Add(node, line, column);
                break;
            case AnchorAlias alias:
                if (!_anchors.TryGetValue(alias.Value.Value, out var target))
                {
                    throw new ManifestParseException($"alias *{alias.Value.Value} refers to no anchor defined before it", line, column);
                }

                _aliasExpansion += target.ExpandedSize;
                if (_aliasExpansion > ManifestLimits.MaxAliasExpansion)
                {
                    throw new ManifestParseException($"aliases expand to more than {ManifestLimits.MaxAliasExpansion:N0} nodes (a YAML alias bomb?); document rejected", line, column);
                }

                Add(target, line, column);
                break;
        }
    }

    private (int Line, int Column) Position(Mark mark)
    {
        var line = (int)mark.Line;
        var column = (int)mark.Column;
        return (firstLine + line - 1, line == 1 ? column + firstColumnOffset : column);
    }

    private void BeginDocument(int line)
    {
        _stack.Clear();
        _anchors.Clear();
        _aliasExpansion = 0;
        _documentNodes = 0;
        _root = null;
        _documentLine = line;
        _documentOpen = true;
    }

    private void EndDocument()
    {
        // Empty documents (a trailing ---, comments only) are not objects and take no index, as with kubectl.
        if (_root is not null && !(_root is ManifestScalar { Kind: ManifestScalarKind.Plain } s && ManifestScalarTyping.IsNull(s.Value)))
        {
            documents.Add(new ManifestDocument(DocumentIndex, _documentLine, _root));
        }

        _root = null;
        _documentOpen = false;
    }

    private void Fail(string message, int line, int column)
    {
        diagnostics.Add(new SourceDiagnostic("error", message, file, DocumentIndex, line, column));
        // The broken document still takes its index so later documents keep the numbers an editor shows.
        documents.Add(new ManifestDocument(DocumentIndex, _documentOpen ? _documentLine : line, null));
        _documentOpen = false;
        _root = null;
        _stack.Clear();
    }

    private void Push(ManifestNode node, AnchorName anchor)
    {
        if (_stack.Count >= ManifestLimits.MaxDepth)
        {
            throw new ManifestParseException($"nesting deeper than {ManifestLimits.MaxDepth} levels; document rejected", node.Line, node.Column);
        }

        _stack.Push(new Frame(node, anchor));
    }

    private void Pop()
    {
        var frame = _stack.Pop();
        if (frame.PendingKey is not null)
        {
            throw new ManifestParseException("mapping key without a value", frame.Node.Line, frame.Node.Column);
        }

        if (frame.Node is ManifestMapping mapping && frame.Merges is { } merges)
        {
            ApplyMerges(mapping, merges);
        }

        Remember(frame.Anchor, frame.Node);
        Add(frame.Node, frame.Node.Line, frame.Node.Column);
    }

    private void Remember(AnchorName anchor, ManifestNode node)
    {
        if (!anchor.IsEmpty)
        {
            _anchors[anchor.Value] = node;
        }
    }

    private void Add(ManifestNode node, int line, int column)
    {
        _documentNodes += node.ExpandedSize;
        if (_documentNodes > ManifestLimits.MaxDocumentNodes)
        {
            throw new ManifestParseException($"document holds more than {ManifestLimits.MaxDocumentNodes:N0} nodes; rejected", line, column);
        }

        if (_stack.Count == 0)
        {
            _root = node;
            return;
        }

        var parent = _stack.Peek();
        parent.Node.ExpandedSize += node.ExpandedSize;
        switch (parent.Node)
        {
            case ManifestSequence sequence:
                sequence.Items.Add(node);
                break;
            case ManifestMapping mapping when parent.PendingKey is null:
                if (node is not ManifestScalar key)
                {
                    throw new ManifestParseException("mapping keys must be plain strings, found " + node.Describe(), line, column);
                }

                parent.PendingKey = key;
                break;
            case ManifestMapping mapping:
                var pending = parent.PendingKey;
                parent.PendingKey = null;
                if (pending.Kind == ManifestScalarKind.Plain && pending.Value == "<<")
                {
                    (parent.Merges ??= []).Add(node);
                    break;
                }

                if (mapping.Get(pending.Value) is not null)
                {
                    diagnostics.Add(new SourceDiagnostic("warning", $"duplicate key \"{pending.Value}\"; the last value wins", file, DocumentIndex, pending.Line, pending.Column));
                }
                else if (mapping.Entries.Count >= ManifestLimits.MaxMappingKeys)
                {
                    throw new ManifestParseException($"an object with more than {ManifestLimits.MaxMappingKeys:N0} keys; document rejected", pending.Line, pending.Column);
                }

                mapping.Add(new ManifestEntry(pending.Value, node, pending.Line, pending.Column));
                break;
        }
    }

    /// <summary>YAML merge keys: entries of the merged mappings that the mapping does not define itself.</summary>
    private static void ApplyMerges(ManifestMapping mapping, List<ManifestNode> merges)
    {
        foreach (var merge in merges)
        {
            IEnumerable<ManifestNode> sources = merge is ManifestSequence seq ? seq.Items : [merge];
            foreach (var source in sources)
            {
                if (source is not ManifestMapping from)
                {
                    throw new ManifestParseException("merge key << needs a mapping or a list of mappings, found " + source.Describe(), source.Line, source.Column);
                }

                foreach (var entry in from.Entries)
                {
                    if (mapping.Get(entry.Key) is null)
                    {
                        if (mapping.Entries.Count >= ManifestLimits.MaxMappingKeys)
                        {
                            throw new ManifestParseException($"an object with more than {ManifestLimits.MaxMappingKeys:N0} keys (after merge keys); document rejected", mapping.Line, mapping.Column);
                        }

                        mapping.Add(entry);
                    }
                }
            }
        }
    }

    private sealed class Frame(ManifestNode node, AnchorName anchor)
    {
        public ManifestNode Node { get; } = node;

        public AnchorName Anchor { get; } = anchor;

        public ManifestScalar? PendingKey { get; set; }

        /// <summary>Values of &lt;&lt; keys, applied when the mapping ends; null when there are none (the common case).</summary>
        public List<ManifestNode>? Merges { get; set; }
    }
}
