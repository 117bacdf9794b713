/// The template set as a graph of partials, checked before anything is rendered: no template
/// may reach itself through its partials, and no chain of sections and partials may go
/// deeper than the limit.
///
/// swift-mustache renders a partial by recursion and has no limit, so `{{> report}}` inside
/// report.mustache, or two partials that include each other, recurse until the thread's
/// stack runs out. Every include named in the text is an edge, whether or not the data
/// would reach it at run time: a set that could recurse is refused. The walk is a loop with
/// its own stack, so a long chain of partials cannot overflow it either.
enum TemplateGraph {
    /// One template: its outline and where it came from (a path, or "built-in template ...").
    struct Node {
        var outline: TemplateOutline
        var origin: String
    }

    /// Throws a ``RenderError`` naming the templates of the first cycle found, or the chain
    /// that nests deeper than `limit` levels (sections and partial calls counted alike, so a
    /// template alone may use the whole limit).
    static func check(_ nodes: [String: Node], limit: Int) throws(RenderError) {
        var finished: [String: (depth: Int, via: String?)] = [:]
        var onPath: Set<String> = []
        for start in nodes.keys.sorted() where finished[start] == nil {
            // Each frame: a template and how many of its includes have been followed.
            var path: [(name: String, next: Int)] = [(start, 0)]
            onPath.insert(start)
            while let top = path.last {
                let includes = nodes[top.name]!.outline.includes.filter { nodes[$0.name] != nil }
                if top.next < includes.count {
                    path[path.count - 1].next += 1
                    let include = includes[top.next]
                    if onPath.contains(include.name) {
                        throw cycle(path.map(\.name), closedBy: include, in: top.name, nodes)
                    }
                    if finished[include.name] == nil {
                        path.append((include.name, 0))
                        onPath.insert(include.name)
                    }
                    continue
                }
                let measured = depth(of: nodes[top.name]!.outline, includes, finished)
                finished[top.name] = measured
                if measured.depth > limit { throw tooDeep(top.name, measured.depth, finished, nodes, limit: limit) }
                onPath.remove(top.name)
                path.removeLast()
            }
        }
    }

    /// How deep rendering `outline` can go, in levels: its own sections, then one level for
    /// each partial call and the partial's own depth. A parent (`{{< p}}`) renders this
    /// template's blocks inside itself, so for those the template's own depth is counted
    /// twice: more than it can use, never less.
    private static func depth(
        of outline: TemplateOutline, _ includes: [TemplateOutline.Include], _ finished: [String: (depth: Int, via: String?)]
    ) -> (depth: Int, via: String?) {
        let own = outline.depth
        let partial = includes.filter { !$0.isParent }.map { ($0.name, 1 + finished[$0.name]!.depth) }.max { $0.1 < $1.1 }
        let parent = includes.filter(\.isParent).map { ($0.name, 1 + finished[$0.name]!.depth) }.max { $0.1 < $1.1 }
        let viaPartial = own + (partial?.1 ?? 0)
        let viaParent = parent.map { own + $0.1 + own + (partial?.1 ?? 0) } ?? 0
        return viaParent > viaPartial ? (viaParent, parent?.0) : (viaPartial, partial?.0)
    }

    private static func cycle(
        _ path: [String], closedBy include: TemplateOutline.Include, in last: String, _ nodes: [String: Node]
    ) -> RenderError {
        let tag = "{{\(include.isParent ? "<" : ">") \(include.name)}}"
        guard include.name != last else {
            return .template(
                "\(nodes[last]!.origin) includes itself (\(tag) at \(include.place)), which would recurse without end; remove the tag"
            )
        }
        let loop = path.drop { $0 != include.name } + [include.name]
        return .template(
            "templates include each other in a cycle, which would recurse without end: \(loop.map { nodes[$0]!.origin }.joined(separator: " → ")) (\(tag) at \(include.place) of \(nodes[last]!.origin)); break the cycle"
        )
    }

    private static func tooDeep(
        _ name: String, _ depth: Int, _ finished: [String: (depth: Int, via: String?)], _ nodes: [String: Node], limit: Int
    ) -> RenderError {
        var chain = [name]
        while let next = finished[chain.last!]?.via, chain.count <= nodes.count { chain.append(next) }
        return .template(
            "\(nodes[name]!.origin) nests sections and partials \(depth) levels deep (\(chain.joined(separator: " → "))); at most \(limit) are allowed, flatten the templates"
        )
    }
}
