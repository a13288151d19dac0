/// An immutable list of layers as a chain of nodes, newest first; states share their inputs'.
final class LayerChain: Sendable {
    let layer: LayerBlob
    let parent: LayerChain?
    let count: Int

    init(layer: LayerBlob, parent: LayerChain?) {
        self.layer = layer
        self.parent = parent
        self.count = (parent?.count ?? 0) + 1
    }

    static func of(_ layers: [LayerBlob]) -> LayerChain? {
        var chain: LayerChain?
        for layer in layers { chain = LayerChain(layer: layer, parent: chain) }
        return chain
    }

    /// The layers, oldest first.
    var layers: [LayerBlob] {
        var result: [LayerBlob] = []
        result.reserveCapacity(count)
        var node: LayerChain? = self
        while let current = node {
            result.append(current.layer)
            node = current.parent
        }
        return result.reversed()
    }
}
