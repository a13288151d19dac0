import Dispatch
import Foundation
import StrataArchive

extension ImageAuditor {
    /// One layer's scan: its findings and what it does to lower layers' paths.
    struct LayerScan: Sendable {
        var findings: FindingCollector
        var changes: LayerChanges
    }

    /// Scans every layer, two at a time when the image allows concurrent reads, and returns
    /// the results in layer order (so the report does not depend on which finished first).
    /// Layers `kept` holds are taken from it instead, and fresh scans are saved to it.
    /// The first error, in layer order, is thrown.
    func scanLayers(_ image: some AuditableImage, origins: [Int: Origin], kept: KeptLayerAudits? = nil) throws -> [LayerScan] {
        let count = image.layerCount
        let results = LayerResults(count: count)
        let scanOne: @Sendable (Int, any AuditableImage) -> Void = { [self] layer, image in
            if let scan = kept?.load(layer, origin: origins[layer]) {
                results.set(layer, .success(scan))
                return
            }
            var findings = FindingCollector(limit: limits.maxFindings)
            do {
                let source = try image.openLayer(layer)
                let changes = try scanLayer(source, index: layer, origin: origins[layer], into: &findings)
                try image.finishLayer(source)
                let scan = LayerScan(findings: findings, changes: changes)
                kept?.save(layer, scan)
                results.set(layer, .success(scan))
            } catch let error as ArchiveError {
                results.set(layer, .failure(VerifyError.badLayer(layer, error)))
            } catch {
                results.set(layer, .failure(error))
            }
        }
        if image.allowsConcurrentReads && count > 1 && ProcessInfo.processInfo.activeProcessorCount > 1 {
            nonisolated(unsafe) let shared: any AuditableImage = image
            let next = LayerCounter()
            let workers = min(2, count)
            DispatchQueue.concurrentPerform(iterations: workers) { _ in
                while let layer = next.take(below: count) { scanOne(layer, shared) }
            }
        } else {
            for layer in 0..<count { scanOne(layer, image) }
        }
        return try results.values()
    }
}

/// The next layer to scan, shared by the workers.
final class LayerCounter: @unchecked Sendable {
    private let lock = NSLock()
    private var next = 0

    func take(below count: Int) -> Int? {
        lock.lock()
        defer { lock.unlock() }
        guard next < count else { return nil }
        next += 1
        return next - 1
    }
}

/// Per-layer results written by the workers.
final class LayerResults: @unchecked Sendable {
    private let lock = NSLock()
    private var slots: [Result<ImageAuditor.LayerScan, any Error>?]

    init(count: Int) { slots = Array(repeating: nil, count: count) }

    func set(_ index: Int, _ result: Result<ImageAuditor.LayerScan, any Error>) {
        lock.lock()
        slots[index] = result
        lock.unlock()
    }

    func values() throws -> [ImageAuditor.LayerScan] {
        lock.lock()
        defer { lock.unlock() }
        return try slots.map { slot in
            guard let slot else { throw VerifyError.badArchive("a layer was not scanned") }
            return try slot.get()
        }
    }
}
