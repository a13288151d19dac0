/// One entry of a tar archive, independent of how it was encoded (ustar, PAX or GNU).
public struct TarHeader: Sendable, Hashable {
    public enum Kind: Sendable, Hashable {
        case file, hardlink, symlink, characterDevice, blockDevice, directory, fifo
        /// A type flag Strata does not model; kept so that readers can report it.
        case other(UInt8)

        init(flag: UInt8) {
            switch flag {
            case 0, UInt8(ascii: "0"), UInt8(ascii: "7"): self = .file
            case UInt8(ascii: "1"): self = .hardlink
            case UInt8(ascii: "2"): self = .symlink
            case UInt8(ascii: "3"): self = .characterDevice
            case UInt8(ascii: "4"): self = .blockDevice
            case UInt8(ascii: "5"): self = .directory
            case UInt8(ascii: "6"): self = .fifo
            default: self = .other(flag)
            }
        }

        var flag: UInt8 {
            switch self {
            case .file: UInt8(ascii: "0")
            case .hardlink: UInt8(ascii: "1")
            case .symlink: UInt8(ascii: "2")
            case .characterDevice: UInt8(ascii: "3")
            case .blockDevice: UInt8(ascii: "4")
            case .directory: UInt8(ascii: "5")
            case .fifo: UInt8(ascii: "6")
            case .other(let flag): flag
            }
        }
    }

    /// The entry's name as stored: relative, `/`-separated; directories usually end in `/`.
    public var path: String
    public var kind: Kind
    /// Permission bits including setuid, setgid and sticky (the low 12 bits).
    public var mode: UInt32
    public var uid: Int
    public var gid: Int
    /// Bytes of content that follow the header (0 for everything but regular files).
    public var size: Int
    /// Seconds since the epoch.
    public var modificationTime: Int
    /// Target of a symlink or hardlink.
    public var linkTarget: String
    public var userName: String
    public var groupName: String
    public var deviceMajor: Int
    public var deviceMinor: Int
    /// Extended attributes, stored as `SCHILY.xattr.NAME` PAX records.
    public var xattrs: [String: [UInt8]]

    public init(
        path: String, kind: Kind, mode: UInt32 = 0o644, uid: Int = 0, gid: Int = 0, size: Int = 0,
        modificationTime: Int = 0, linkTarget: String = "", userName: String = "", groupName: String = "",
        deviceMajor: Int = 0, deviceMinor: Int = 0, xattrs: [String: [UInt8]] = [:]
    ) {
        self.path = path
        self.kind = kind
        self.mode = mode
        self.uid = uid
        self.gid = gid
        self.size = size
        self.modificationTime = modificationTime
        self.linkTarget = linkTarget
        self.userName = userName
        self.groupName = groupName
        self.deviceMajor = deviceMajor
        self.deviceMinor = deviceMinor
        self.xattrs = xattrs
    }
}
