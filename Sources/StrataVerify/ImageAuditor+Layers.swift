import StrataArchive

extension ImageAuditor {
    /// Scans one layer's entries: names, link targets, contents, gzip files inside them and
    /// credential files by path. Returns what the layer does to lower layers' paths.
    func scanLayer(_ blob: any ByteSource, index: Int, origin: Origin?, into collector: inout FindingCollector) throws -> LayerChanges {
        let stream = try decompressingIfNeeded(AnySource(base: blob), limit: limits.layerBytes)
        var reader = TarReader(AnySource(base: stream))
        var changes = LayerChanges()
        while let header = try reader.next() {
            guard let path = try ImageAuditor.normalize(header.path, layer: index) else { continue }
            let hasContent = changes.record(path, isDirectory: header.kind == .directory)
            let template = Finding(
                secret: "", severity: .leak, place: .layer, layer: index, path: redactor.redact(path), encoding: "raw",
                length: 0, introducedBy: origin)
            collector.add(scanText(path, field: "path", template: template, rawPath: path))
            if header.kind == .symlink || header.kind == .hardlink {
                collector.add(scanText(header.linkTarget, field: "linkTarget", template: template, rawPath: path))
            }
            for (name, value) in header.xattrs.sorted(by: { $0.key < $1.key }) {
                let scan = ContentScan.scan(value, scanner: contentScanner)
                var xattr = template
                xattr.field = "xattr." + redactor.redact(name)
                collector.add(findings(from: scan, at: xattr, rawPath: path))
            }
            guard header.kind == .file, hasContent else { continue }
            try scanContents(size: header.size, path: path, template: template, into: &collector) { body in
                try reader.readContents(chunk: ImageAuditor.chunkSize, body)
            }
        }
        return changes
    }

    private func scanText(_ text: String, field: String, template: Finding, rawPath: String) -> [CollectedFinding] {
        let scan = ContentScan.scan(Array(text.utf8), scanner: contentScanner)
        guard !scan.order.isEmpty else { return [] }
        var template = template
        template.field = field
        return findings(from: scan, at: template, rawPath: rawPath)
    }

    /// Streams one file's contents through the scanners, keeping only what the
    /// credential-file check and the nested-gzip scan need.
    func scanContents(
        size: Int, path: String, template: Finding, into collector: inout FindingCollector,
        read: (([UInt8]) throws -> Void) throws -> Void
    ) throws {
        let credentialKind = CredentialFileRule.kind(of: path)
        var scan = ContentScan(scanner: contentScanner)
        var head: [UInt8] = []
        var nested: [UInt8]? = size <= limits.nestedArchiveBytes ? [] : nil
        var first = true
        try read { chunk in
            scan.feed(chunk)
            if first {
                first = false
                let gzip = chunk.count >= 2 && chunk[0] == 0x1f && chunk[1] == 0x8b
                let zip = chunk.count >= 4 && Array(chunk[0..<4]) == ZipDirectory.localMagic
                if !gzip && !zip { nested = nil }
            }
            if nested != nil { nested?.append(contentsOf: chunk) }
            if credentialKind != nil && head.count < CredentialFileRule.contentLimit {
                head.append(contentsOf: chunk.prefix(CredentialFileRule.contentLimit - head.count))
            }
        }
        scan.finish()
        collector.add(findings(from: scan, at: template, rawPath: path))
        if let kind = credentialKind, CredentialFileRule.holdsCredential(kind: kind, content: head) {
            var finding = template
            finding.secret = CredentialFileRule.id
            finding.severity = .exposure
            finding.encoding = "path"
            finding.field = kind
            finding.length = size
            collector.add([CollectedFinding(finding: finding, rawPath: path)])
        }
        if let nested, !nested.isEmpty {
            var template = template
            if nested[0] == 0x1f {
                template.encoding = "gzip"
                collector.add(scanNestedGzip(nested, template: template, rawPath: path))
            } else {
                collector.add(scanNestedZip(nested, template: template, rawPath: path))
            }
        }
    }

    /// Scans the decompressed contents of a gzip file inside a layer, up to the output
    /// limit. A corrupt or oversized inner stream ends the scan of that file quietly (what
    /// was read is still reported): it is content, not the image's structure.
    func scanNestedGzip(_ compressed: [UInt8], template: Finding, rawPath: String) -> [CollectedFinding] {
        var scan = ContentScan(scanner: contentScanner)
        if let source = try? GzipSource(BufferSource(compressed), limit: limits.nestedArchiveOutput) {
            while let chunk = try? source.read(upTo: 1 << 20), !chunk.isEmpty { scan.feed(chunk) }
        }
        scan.finish()
        return findings(from: scan, at: template, rawPath: rawPath)
    }

    /// Scans each entry of a zip file inside a layer (stored or deflated), reporting it at
    /// `outer!/inner` as Java does. Decompression stops at the output limit; corrupt entries
    /// are skipped.
    func scanNestedZip(_ bytes: [UInt8], template: Finding, rawPath: String) -> [CollectedFinding] {
        guard let directory = ZipDirectory(bytes) else { return [] }
        var budget = limits.nestedArchiveOutput
        var out: [CollectedFinding] = []
        for entry in directory.entries where budget > 0 {
            var scan = ContentScan(scanner: contentScanner)
            switch entry.method {
            case 0:
                scan.feed(Array(bytes[entry.data]))
                budget -= entry.data.count
            case 8:
                // Bounded by the budget, not the declared size: an entry that lies about its
                // size is still scanned. What was inflated before an error is scanned too.
                let produced = (try? RawInflate.decompress(bytes[entry.data], limit: budget) { scan.feed($0) }) ?? budget
                budget -= produced
            default: continue
            }
            scan.finish()
            let inner = rawPath + "!/" + entry.name
            var entryTemplate = template
            entryTemplate.path = redactor.redact(inner)
            entryTemplate.encoding = "zip"
            out += findings(from: scan, at: entryTemplate, rawPath: rawPath)
            let name = ContentScan.scan(Array(entry.name.utf8), scanner: contentScanner)
            entryTemplate.field = "path"
            out += findings(from: name, at: entryTemplate, rawPath: rawPath)
        }
        return out
    }

    /// A tar entry name as a path without leading `/` or `./` or trailing `/`; nil for the
    /// root itself. Names with `..` components are refused: they escape the root.
    static func normalize(_ name: String, layer: Int) throws -> String? {
        var parts: [Substring] = []
        for part in name.split(separator: "/", omittingEmptySubsequences: true) {
            if part == "." { continue }
            if part == ".." { throw VerifyError.unsafePath(name, layer: layer) }
            parts.append(part)
        }
        return parts.isEmpty ? nil : parts.joined(separator: "/")
    }
}
