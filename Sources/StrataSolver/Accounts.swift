import StrataFS
import StrataShell

/// Users and groups from an image's /etc/passwd and /etc/group, for `USER`, `--chown` and
/// the RUN's identity.
struct Accounts {
    struct Entry {
        var name: String
        var id: Int
        var gid: Int
        var home: String
        /// For a group: the user names listed as its members.
        var members: [String] = []
    }

    var users: [Entry] = []
    var groups: [Entry] = []

    init(snapshot: Snapshot) {
        if let passwd = try? snapshot.readFile("/etc/passwd") {
            for line in String(decoding: passwd, as: UTF8.self).split(separator: "\n") {
                let fields = line.split(separator: ":", omittingEmptySubsequences: false)
                guard fields.count >= 6, let uid = Int(fields[2]), let gid = Int(fields[3]) else { continue }
                users.append(Entry(name: String(fields[0]), id: uid, gid: gid, home: String(fields[5])))
            }
        }
        if let group = try? snapshot.readFile("/etc/group") {
            for line in String(decoding: group, as: UTF8.self).split(separator: "\n") {
                let fields = line.split(separator: ":", omittingEmptySubsequences: false)
                guard fields.count >= 3, let gid = Int(fields[2]) else { continue }
                let members = fields.count > 3 ? fields[3].split(separator: ",").map(String.init) : []
                groups.append(Entry(name: String(fields[0]), id: gid, gid: gid, home: "", members: members))
            }
        }
    }

    /// Resolves `user[:group]`, each a name or a number. A name that is not in the image is an
    /// error, as in BuildKit (`unable to find user NAME: no matching entries in passwd file`).
    func user(_ spec: String) throws -> ShellUser {
        let parts = spec.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
        let userPart = parts[0]
        var result: ShellUser
        if let uid = Int(userPart) {
            let entry = users.first { $0.id == uid }
            result = ShellUser(name: entry?.name ?? userPart, uid: uid, gid: entry?.gid ?? 0, home: entry?.home ?? "/")
        } else if let entry = users.first(where: { $0.name == userPart }) {
            result = ShellUser(name: entry.name, uid: entry.id, gid: entry.gid, home: entry.home)
        } else {
            throw ExecError.invalidOwner("unable to find user \(userPart): no matching entries in passwd file")
        }
        if parts.count == 2 {
            result.gid = try group(parts[1])
            // runc gives an explicit group no supplementary groups.
            result.supplementaryGroups = []
        } else {
            // Without a group, the supplementary groups are those listing the user as a member.
            result.supplementaryGroups = groups.filter { $0.members.contains(result.name) }.map(\.id)
        }
        return result
    }

    func group(_ spec: String) throws -> Int {
        if let gid = Int(spec) { return gid }
        guard let entry = groups.first(where: { $0.name == spec }) else {
            throw ExecError.invalidOwner("unable to find group \(spec): no matching entries in group file")
        }
        return entry.id
    }

    /// `--chown` semantics: like `user`, but a user without group keeps the user's primary gid.
    func owner(_ spec: String) throws -> (uid: Int, gid: Int) {
        let parts = spec.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
        let uid: Int
        var gid: Int
        if let number = Int(parts[0]) {
            uid = number
            gid = parts.count == 1 ? number : 0
        } else if let entry = users.first(where: { $0.name == parts[0] }) {
            uid = entry.id
            gid = entry.gid
        } else {
            throw ExecError.invalidOwner("unable to convert uid/gid chown string to host mapping: can't find uid for user \(parts[0]): no such user: \(parts[0])")
        }
        if parts.count == 2 { gid = try group(parts[1]) }
        return (uid, gid)
    }
}
