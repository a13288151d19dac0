extension ImageAuditor {
    /// Scans every string of the config and history. Offsets are within the string.
    func scanConfig(_ config: ImageConfigView, into collector: inout FindingCollector) {
        for text in config.texts {
            let scan = ContentScan.scan(Array(text.value.utf8), scanner: contentScanner)
            guard !scan.order.isEmpty else { continue }
            let template = Finding(secret: "", severity: .leak, place: text.place, index: text.index, field: text.field, encoding: "raw", length: 0)
            collector.add(findings(from: scan, at: template, rawPath: nil))
        }
    }
}
