/// One place where a secret, or something that looks like a credential, reached an image.
///
/// A finding names the secret (or detector) and where it is, never what it is: no field
/// holds secret bytes, and paths or history lines that contained them are redacted.
public struct Finding: Codable, Sendable, Hashable {
    public enum Severity: String, Codable, Sendable, Hashable, Comparable {
        /// A declared secret's bytes, in some reversible encoding, are in the image.
        case leak
        /// Something is revealed without the secret itself: a digest of a declared secret,
        /// or something credential-like that a built-in detector saw.
        case exposure
        /// Worth knowing, never a failure (not even with `--strict`): the empty files and
        /// directories a `RUN --mount` leaves in a layer.
        case info

        /// Most serious first: leak, exposure, info.
        var rank: Int {
            switch self {
            case .leak: 0
            case .exposure: 1
            case .info: 2
            }
        }

        public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rank < rhs.rank }
    }

    public enum Place: String, Codable, Sendable, Hashable, CaseIterable {
        case layer, config, history, log, cache, provenance
        /// A plain file on disk, scanned outside of any image.
        case file
    }

    /// The declared secret's id, or the detector's id.
    public var secret: String
    public var severity: Severity
    public var place: Place
    /// 0-based layer index, for `layer` findings.
    public var layer: Int?
    /// The path inside the layer or tree, without a leading slash.
    public var path: String?
    /// The history entry's index, for `history` findings.
    public var index: Int?
    /// The config key (`Env`, `Labels`, ...), or for layers `path`/`linkTarget` when the
    /// secret is in an entry's name rather than its contents.
    public var field: String?
    /// Byte offset of the first occurrence in the file or field.
    public var offset: Int?
    /// How the secret was encoded where found (`raw`, `base64`, `sha256`, ...).
    public var encoding: String
    /// True when a later layer deletes or replaces the path: the bytes still ship in this
    /// layer's tar even though the final filesystem does not show them.
    public var removedLater: Bool
    /// The length of the secret (or of the credential-like text), never its value.
    public var length: Int
    /// What put it there.
    public var introducedBy: Origin?
    /// For mount residue: the `RUN --mount` that left the entry behind.
    public var mount: MountReference?

    /// The rule id (`secret` field) of mount-residue findings.
    public static let mountResidueRule = "mount-residue"

    public init(
        secret: String, severity: Severity, place: Place, layer: Int? = nil, path: String? = nil, index: Int? = nil,
        field: String? = nil, offset: Int? = nil, encoding: String, removedLater: Bool = false, length: Int,
        introducedBy: Origin? = nil, mount: MountReference? = nil
    ) {
        self.secret = secret
        self.severity = severity
        self.place = place
        self.layer = layer
        self.path = path
        self.index = index
        self.field = field
        self.offset = offset
        self.encoding = encoding
        self.removedLater = removedLater
        self.length = length
        self.introducedBy = introducedBy
        self.mount = mount
    }
}

/// The step of the build that introduced a finding: a Dockerfile line when the builder knows
/// it, otherwise the image history's `created_by` (redacted).
public struct Origin: Codable, Sendable, Hashable {
    public var line: Int?
    public var instruction: String?
    public var stage: String?
    public var createdBy: String?
    /// The index of the history entry that created the layer.
    public var history: Int?

    public init(line: Int? = nil, instruction: String? = nil, stage: String? = nil, createdBy: String? = nil, history: Int? = nil) {
        self.line = line
        self.instruction = instruction
        self.stage = stage
        self.createdBy = createdBy
        self.history = history
    }

    /// The origin a history line gives: its text and the instruction keyword in it
    /// (`RUN /bin/sh -c ...  # buildkit` → `RUN`, `/bin/sh -c #(nop) COPY ...` → `COPY`).
    public init(createdBy: String, history: Int? = nil) {
        self.createdBy = createdBy
        self.history = history
        var text = Substring(createdBy)
        if text.hasPrefix("/bin/sh -c #(nop) ") { text = text.dropFirst("/bin/sh -c #(nop) ".count) }
        let word = text.prefix { $0.isLetter }
        if !word.isEmpty && word == word.uppercased() { instruction = String(word) }
    }
}
