extension Interpreter {
    /// Opens the redirections into `fds`; false (after a message) when one cannot be opened.
    func applyRedirections(_ redirections: [Redirection], opened: inout [OutputSink]) throws(ShellControl) -> Bool {
        for redirection in redirections {
            let op = redirection.op
            switch op {
            case .hereDocument, .hereString:
                let fd = redirection.fd ?? 0
                var text: ShellString
                if op == .hereString {
                    text = try expandSingle(redirection.target)
                    text.text += "\n"
                } else if let doc = redirection.hereDocument {
                    text = try expandSingle(doc.body)
                } else {
                    text = ShellString("")
                }
                fds[fd] = .input(InputSource(ProvenancedBytes(Array(text.text.utf8), provenance: text.provenance)))
                continue
            default:
                break
            }
            let target = try expandSingle(redirection.target)
            switch op {
            case .input where Self.deviceNames.contains(target.text), .readWrite where Self.deviceNames.contains(target.text):
                fds[redirection.fd ?? 0] = .input(InputSource(ProvenancedBytes()))
            case .output where Self.deviceNames.contains(target.text), .append where Self.deviceNames.contains(target.text),
                .clobber where Self.deviceNames.contains(target.text), .outputAndError where Self.deviceNames.contains(target.text):
                let sink: OutputSink
                switch target.text {
                case "/dev/stdout": guard case .output(let s)? = fds[1] else { continue }; sink = s
                case "/dev/stderr": guard case .output(let s)? = fds[2] else { continue }; sink = s
                default: sink = OutputSink(.discard)
                }
                if op == .outputAndError { fds[1] = .output(sink); fds[2] = .output(sink) } else { fds[redirection.fd ?? 1] = .output(sink) }
            case .input, .readWrite:
                let fd = redirection.fd ?? 0
                let path = absolute(target.text)
                do {
                    let data = try fs.readFile(path)
                    fds[fd] = .input(InputSource(data))
                } catch {
                    if op == .readWrite, case .notFound = error {
                        _ = try writeFile(path, ProvenancedBytes())
                        fds[fd] = .input(InputSource(ProvenancedBytes()))
                        continue
                    }
                    writeError("\(arg0): can't open \(target.text): \(Self.ashMessage(error, reading: true))")
                    return false
                }
            case .output, .append, .clobber, .outputAndError:
                let path = absolute(target.text)
                let append = op == .append
                let existingSize: Int
                if append {
                    existingSize = (try? fs.stat(path))?.size ?? 0
                    if !fs.exists(path), let failure = try writeFile(path, ProvenancedBytes(), append: true) {
                        writeError("\(arg0): can't create \(target.text): \(Self.ashMessage(failure))")
                        return false
                    }
                } else {
                    existingSize = 0
                    if let failure = try writeFile(path, ProvenancedBytes()) {
                        writeError("\(arg0): can't create \(target.text): \(Self.ashMessage(failure))")
                        return false
                    }
                }
                let sink = OutputSink(.file((try? fs.realpath(path)) ?? path))
                sink.baseSize = existingSize
                opened.append(sink)
                if op == .outputAndError {
                    fds[1] = .output(sink)
                    fds[2] = .output(sink)
                } else {
                    fds[redirection.fd ?? 1] = .output(sink)
                }
            case .duplicateOutput, .duplicateInput:
                let fd = redirection.fd ?? (op == .duplicateOutput ? 1 : 0)
                if target.text == "-" { fds[fd] = nil; continue }
                guard let source = Int(target.text) else {
                    if op == .duplicateOutput && redirection.fd == nil && dialect == .bash {
                        // bash `>&file` means `&>file`.
                        var rewritten = redirection
                        rewritten.op = .outputAndError
                        if try !applyRedirections([rewritten], opened: &opened) { return false }
                        continue
                    }
                    writeError("\(arg0): \(target.text): bad number")
                    return false
                }
                guard let entry = fds[source] else {
                    writeError("\(arg0): \(source): Bad file descriptor")
                    return false
                }
                fds[fd] = entry
            case .hereDocument, .hereString:
                break
            }
        }
        return true
    }

    /// Flushes file sinks to the file system when their redirection closes.
    func closeSinks(_ sinks: [OutputSink]) throws(ShellControl) {
        for sink in sinks {
            guard case .file(let path) = sink.target, !sink.bytes.isEmpty else { continue }
            do {
                try fs.appendFile(path, ProvenancedBytes(sink.bytes, provenance: sink.provenance), mode: 0o644)
                record(path, sink.provenance)
            } catch {
                writeError("\(arg0): write error: \(error.message)")
            }
            sink.bytes = []
        }
    }

    /// Devices every container has, modelled without a file: `/dev/null` discards.
    static let deviceNames: Set<String> = ["/dev/null", "/dev/stdout", "/dev/stderr", "/dev/zero", "/dev/tty"]

    /// ash's wording for open failures (`nonexistent directory`, `no such file`).
    static func ashMessage(_ error: FileSystemError, reading: Bool = false) -> String {
        switch error {
        case .notFound: return reading ? "no such file" : "nonexistent directory"
        default: return error.message
        }
    }
}
