import StrataOCI
import StrataSolver
import Synchronization

/// The images an `Engine` exported lately, by what they were made from (config, layers,
/// epoch): encoding a long history as JSON was the largest cost left in a cached rebuild's
/// export. A pure function of the key; the caller checks the blobs are still in the store.
final class ExportMemo: Sendable {
    private struct Entry: Sendable {
        var image: ImageConfig
        var layers: [LayerBlob]
        var epoch: Int
        var exported: ExportedImage
    }

    static let capacity = 4
    private let entries = Mutex<[Entry]>([])

    func exported(image: ImageConfig, layers: [LayerBlob], epoch: Int) -> ExportedImage? {
        entries.withLock { entries in
            entries.first { $0.epoch == epoch && $0.layers == layers && $0.image == image }?.exported
        }
    }

    func remember(image: ImageConfig, layers: [LayerBlob], epoch: Int, exported: ExportedImage) {
        entries.withLock { entries in
            entries.removeAll { $0.epoch == epoch && $0.layers == layers && $0.image == image }
            entries.insert(Entry(image: image, layers: layers, epoch: epoch, exported: exported), at: 0)
            if entries.count > Self.capacity { entries.removeLast() }
        }
    }
}
