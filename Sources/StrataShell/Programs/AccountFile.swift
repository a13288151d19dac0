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
    func save(_ shell: Interpreter, provenance: Provenance = .clean) throws(ShellControl) -> FileSystemError? {
        let text = rows.map { $0.joined(separator: ":") + "\n" }.joined()
        let mode: UInt32 = path.hasSuffix("shadow") ? 0o640 : 0o644
        return try shell.writeFile(path, ProvenancedBytes(Array(text.utf8), provenance: provenance), mode: mode, applyUmask: false)
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
