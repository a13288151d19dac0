import StrataSupport

/// The canonical binary encoding behind `Op.digest`: `BinaryWriter`'s fields, every enum case
/// tagged, optionals behind a presence byte, after a version byte.
enum OpEncoding {
    /// Bumped when the encoding changes, so old cache keys cannot collide with new ones.
    static let version: UInt8 = 2
}

extension BinaryWriter {
    mutating func optional<T>(_ value: T?, _ body: (inout BinaryWriter, T) -> Void) {
        guard let value else { return bool(false) }
        bool(true)
        body(&self, value)
    }

    mutating func op(_ op: Op) {
        switch op {
        case .source(let source):
            tag(1)
            self.source(source)
        case .exec(let exec):
            tag(2)
            self.exec(exec)
        case .file(let file):
            tag(3)
            int(file.actions.count)
            for action in file.actions { self.action(action) }
        }
    }

    mutating func source(_ source: SourceOp) {
        switch source {
        case .scratch:
            tag(1)
        case .image(let reference):
            tag(2)
            string(reference)
        case .context(let name, let include, let exclude):
            tag(3)
            string(name)
            strings(include)
            strings(exclude)
        case .inline(let files):
            tag(4)
            int(files.count)
            for file in files {
                string(file.path)
                data(file.content)
                int(Int(file.mode))
            }
        }
    }

    mutating func exec(_ exec: ExecOp) {
        strings(exec.arguments)
        strings(exec.environment)
        string(exec.workingDirectory)
        string(exec.user)
        int(exec.mounts.count)
        for mount in exec.mounts { self.mount(mount) }
        string(exec.network)
        optional(exec.shellScript) { $0.string($1) }
    }

    mutating func mount(_ mount: Mount) {
        string(mount.target)
        switch mount.kind {
        case .secret(let id, let required, let mode, let uid, let gid, let environmentName):
            tag(1)
            string(id)
            bool(required)
            int(Int(mode))
            int(uid)
            int(gid)
            optional(environmentName) { $0.string($1) }
        case .cache(let id, let sharing, let readOnly, let mode, let uid, let gid):
            tag(2)
            string(id)
            string(sharing)
            bool(readOnly)
            int(Int(mode))
            int(uid)
            int(gid)
        case .bind(let input, let source, let readWrite):
            tag(3)
            int(input)
            string(source)
            bool(readWrite)
        case .tmpfs(let size):
            tag(4)
            optional(size) { $0.int($1) }
        case .ssh(let id, let required, let mode, let uid, let gid):
            tag(5)
            string(id)
            bool(required)
            int(Int(mode))
            int(uid)
            int(gid)
        }
    }

    mutating func owner(_ owner: Owner?) {
        optional(owner) { writer, owner in
            writer.string(owner.user)
            writer.optional(owner.group) { $0.string($1) }
        }
    }

    mutating func action(_ action: FileAction) {
        switch action {
        case .mkdir(let path, let mode, let makeParents, let owner):
            tag(1)
            string(path)
            int(Int(mode))
            bool(makeParents)
            self.owner(owner)
        case .mkfile(let path, let content, let mode, let owner):
            tag(2)
            string(path)
            data(content)
            int(Int(mode))
            self.owner(owner)
        case .remove(let path, let allowNotFound):
            tag(3)
            string(path)
            bool(allowNotFound)
        case .copy(let copy):
            tag(4)
            int(copy.from)
            strings(copy.sources)
            string(copy.destination)
            owner(copy.owner)
            optional(copy.mode) { $0.string($1) }
            bool(copy.copyDirectoryContents)
            bool(copy.extractArchives)
            bool(copy.followSymlinks)
            bool(copy.createDestinationPath)
            bool(copy.allowWildcards)
            bool(copy.allowEmptyWildcard)
            bool(copy.keepParents)
            strings(copy.exclude)
        }
    }
}
