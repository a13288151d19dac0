/// The colon-separated account files (/etc/passwd, /etc/group, /etc/shadow, /etc/gshadow) as
/// rows of fields, edited in place and written back with their mode kept, as busybox's
/// update_passwd does: lines keep their order, new lines go at the end.
struct AccountFile {
    let path: String
    var rows: [[String]]
    /// Whether the file existed: shadow files are only updated when present.
    let existed: Bool

    init(_ path: String, _ shell: Interpreter) {
        self.path = path
        if let data = try? shell.fs.readFile(path) {
            rows = data.text.split(separator: "\n").map { $0.split(separator: ":", omittingEmptySubsequences: false).map(String.init) }
            existed = true
        } else {
            rows = []
            existed = false
        }
    }

    func row(named name: String) -> [String]? { rows.first { $0.first == name } }
    func index(named name: String) -> Int? { rows.firstIndex { $0.first == name } }

    /// The row whose numeric id (third field) is `id`.
    func row(withID id: Int) -> [String]? { rows.first { $0.count > 2 && Int($0[2]) == id } }

    /// Members of a group row (fourth field), in order.
    static func members(_ row: [String]) -> [String] {
        row.count > 3 ? row[3].split(separator: ",").map(String.init) : []
    }

    /// Writes the rows back, keeping the file's mode (new files get 0644, shadow 0640).
    ///
    /// Like busybox's update_passwd, every rewrite first keeps the current file as `PATH-`
    /// (a hard link there, which keeps the old content, mode and owner once the new file is
    /// renamed over the original).
    func save(_ shell: Interpreter, provenance: Provenance = .clean) throws(ShellControl) -> FileSystemError? {
        let text = rows.map { $0.joined(separator: ":") + "\n" }.joined()
        let mode: UInt32 = path.hasSuffix("shadow") ? 0o640 : 0o644
        if let old = try? shell.fs.readFile(path), let info = try? shell.fs.stat(path) {
            let backup = path + "-"
            if (try? shell.fs.lstat(backup)) != nil { try? shell.fs.remove(backup) }
            if try shell.writeFile(backup, old, mode: info.mode, applyUmask: false) == nil {
                try? shell.fs.chmod(backup, mode: info.mode)
                try? shell.fs.chown(backup, uid: info.uid, gid: info.gid)
            }
        }
        return try shell.writeFile(path, ProvenancedBytes(Array(text.utf8), provenance: provenance), mode: mode, applyUmask: false)
    }

    /// busybox's die_if_bad_username message for `name`, nil when the name is acceptable:
    /// letters, digits and `_` anywhere; `-` and `.` after the first character; `$` last.
    static func badNameMessage(_ name: String) -> String? {
        let bytes = Array(name.utf8)
        for (offset, b) in bytes.enumerated() {
            if offset > 0 && (b == UInt8(ascii: "-") || b == UInt8(ascii: ".") || (b == UInt8(ascii: "$") && offset == bytes.count - 1)) { continue }
            if b == UInt8(ascii: "_") || (b >= 48 && b <= 57) || ((b | 0x20) >= 97 && (b | 0x20) <= 122) { continue }
            return "illegal character with code \(b) at position \(offset)"
        }
        if bytes.isEmpty { return "illegal character with code 0 at position 0" }
        if bytes.count >= 256 { return "name is too long" }
        return nil
    }

    /// busybox's die_if_bad_username: letters, digits, `_`, `.`, `-` and a final `$`, not
    /// starting with `-`, at most 32 characters.
    static func badNameCharacter(_ name: String) -> Character? {
        if name.isEmpty { return " " }
        for (offset, c) in name.enumerated() {
            let allowed = c.isASCII && (c.isLetter || c.isNumber || c == "_" || c == "." || (c == "-" && offset > 0) || (c == "$" && offset == name.count - 1))
            if !allowed { return c }
        }
        return nil
    }
}
