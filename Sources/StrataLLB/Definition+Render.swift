import StrataSupport
import Foundation

/// `strata graph` output: Graphviz dot.
extension Definition {
    public func dot(root: Digest? = nil) -> String {
        let shown = root.map { closure(of: $0) } ?? order.compactMap { vertices[$0] }
        var out = "digraph {\n"
        for vertex in shown {
            let label = vertex.name.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
            out += "  \"\(vertex.id.short)\" [label=\"\(label)\"];\n"
            for input in vertex.inputs { out += "  \"\(input.short)\" -> \"\(vertex.id.short)\";\n" }
        }
        return out + "}\n"
    }
}
