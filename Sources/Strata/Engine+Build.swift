import Foundation
import StrataArchive
import StrataDockerfile
import StrataFS
import StrataFrontend
import StrataLLB
import StrataOCI
import StrataShell
import StrataSolver
import StrataStore
import StrataSupport
import StrataVerify

extension Engine {
    /// Builds a Dockerfile like `docker build` with BuildKit, stores the image, and audits it
    /// for the declared secrets. Progress arrives through `onEvent`.
    public func build(_ request: BuildRequest, onEvent: @escaping (BuildEvent) -> Void = { _ in }) throws -> BuildOutcome {
        let dockerfileURL = request.dockerfile ?? request.contextDirectory.appendingPathComponent("Dockerfile")
        guard let data = FileManager.default.contents(atPath: dockerfileURL.path) else {
            throw BuildError.dockerfileNotFound(dockerfileURL.path)
        }
        let text = String(decoding: data, as: UTF8.self)
        let displayName = dockerfileURL.lastPathComponent == "Dockerfile" && request.dockerfile == nil ? "Dockerfile" : dockerfileURL.relativePath
        // BuildKit runs its build checks before building: warnings are printed, and a check the
        // Dockerfile configures as an error (`# check=error=true`) fails the build.
        let ignoreURL = request.contextDirectory.appendingPathComponent(".dockerignore")
        let ignoreText = FileManager.default.contents(atPath: ignoreURL.path).map { String(decoding: $0, as: UTF8.self) } ?? ""
        let ignore = DockerIgnore(ignoreText)
        let parsed: FrontendMemo.Parsed
        if let known = frontend.parsed(text: text, fileName: displayName, ignoreText: ignoreText) {
            parsed = known
        } else {
            let dockerfile = try InstructionParser.parse(text, fileName: displayName)
            let findings = BuildChecker(dockerfile, isIgnored: { ignore.excludes($0) }).findings()
            parsed = FrontendMemo.Parsed(text: text, fileName: displayName, ignoreText: ignoreText, dockerfile: dockerfile, findings: findings)
            frontend.remember(parsed)
        }
        let checks = parsed.findings
        for finding in checks { onEvent(.warning(finding.diagnostic)) }
        if let failing = checks.first(where: { $0.severity == .error }) {
            throw BuildError.checkFailed(failing.diagnostic.description)
        }

        var options = FrontendOptions(buildArgs: request.buildArgs, target: request.target)
        if let fixtures = request.networkFixtures { options.network = try NetworkFixturesFile.load(fixtures) }
        let converted: ConvertedBuild
        if let known = frontend.converted(text: text, fileName: displayName, options: options, configOf: { [self] in try? self.image($0).id }) {
            converted = known
        } else {
            let resolved = ResolvedConfigs()
            var converter = DockerfileConverter(parsed.dockerfile, source: text, options: options) { [self] reference in
                let image = try self.image(reference)
                resolved.digests[reference] = image.id
                return image.config
            }
            converted = try converter.convert()
            frontend.remember(FrontendMemo.Converted(text: text, fileName: displayName, options: options, images: resolved.digests, build: converted))
        }
        for warning in converted.warnings { onEvent(.warning(warning)) }

        let secrets = try resolveSecrets(request, converted: converted)
        let blobs = MemoryBlobStore()
        var resolvedImages: [String: SolvedState] = [:]
        var loadedContext: Snapshot?
        let environment = BuildExecutor.Environment(
            resolveImage: { [self] reference in
                if let state = resolvedImages[reference] { return state }
                let state = try self.solvedState(of: reference, blobs: blobs)
                resolvedImages[reference] = state
                return state
            },
            loadContext: { _ in
                if let loadedContext { return loadedContext }
                let snapshot = try ContextLoader.load(request.contextDirectory, ignore: ignore, store: blobs, epoch: request.epoch)
                loadedContext = snapshot
                return snapshot
            },
            secrets: secrets, epoch: request.epoch)
        let executor = BuildExecutor(store: store, blobs: blobs, environment: environment)

        let progress = BuildProgress(steps: converted.steps, onEvent: onEvent)
        let solver = Solver(executor: executor, useCache: !request.noCache) { progress.handle($0) }
        // The target and every stage it needs, in one pass: the audit also looks at stages the
        // image does not ship.
        let stageRoots = converted.stages.filter { $0.reachable && $0.index != converted.targetStage }.compactMap(\.root)
        let results: [Digest: SolvedState]
        let report: Solver<BuildExecutor>.Report
        do {
            // Blobs and cache records are written atomically; the index locks itself.
            (results, report) = try solver.solve(converted.definition, roots: stageRoots + [converted.root])
        } catch let error as SolveError {
            guard let failure = progress.failure else { throw error }
            let range = failure.vertex.source
            throw BuildError.stepFailed(StepFailure(
                step: failure.vertex.name, location: range?.start, message: failure.message,
                excerpt: range.map { Self.excerpt(text, from: $0.start.line, to: $0.end.line) } ?? []))
        }

        guard let result = results[converted.root] else { throw SolveError.missingVertex(converted.root) }
        let exported = try export(result, image: converted.image, epoch: request.epoch, tags: request.tags)
        var specs = secrets.sorted { $0.key < $1.key }.map { SecretSpec(id: $0.key, value: $0.value) }
        // A build argument the user marks sensitive is looked for like a secret: its value must
        // not reach the history or config either.
        for name in request.sensitiveArgs.sorted() {
            if let value = request.buildArgs[name], !value.isEmpty { specs.append(SecretSpec(id: "build-arg:\(name)", text: value)) }
        }
        // Without secrets the auditor is always the same: build its scanners once per Engine.
        let auditor = specs.isEmpty ? plainAuditor : ImageAuditor(secrets: specs)
        var audit = try auditBuiltImage(exported, auditor: auditor, name: request.tags.first ?? exported.id.short)
        if let mode = request.provenance {
            var materials: [(uri: String, digest: Digest)] = []
            for vertex in converted.targetClosure {
                guard case .source(.image(let reference)) = vertex.op, let stored = try? image(reference) else { continue }
                let name = stored.record.name.split(separator: ":").first.map(String.init) ?? stored.record.name
                materials.append(("pkg:docker/\(name)@\(stored.record.name.split(separator: ":").last ?? "latest")?platform=linux%2Famd64", stored.record.manifest))
            }
            let subjectName = request.tags.first.map { tag -> String in
                let parts = tag.split(separator: ":", maxSplits: 1).map(String.init)
                return "pkg:docker/\(parts[0])@\(parts.count > 1 ? parts[1] : "latest")?platform=linux%2Famd64"
            } ?? "pkg:docker/strata-build?platform=linux%2Famd64"
            let statement = ProvenanceStatement.make(
                mode: mode, subject: (subjectName, exported.manifestDigest), materials: materials, request: request,
                dockerfile: (dockerfileURL.lastPathComponent, text), converted: converted, epoch: Self.timestamp(request.epoch))
            try attachProvenance(statement, image: exported)
        }
        if let statement = try provenanceStatement(forConfig: exported.id) {
            var withProvenance = AuditReport(image: audit.image, findings: audit.findings + auditor.scan(statement, place: .provenance, path: "slsa-provenance"))
            withProvenance.truncated = audit.truncated
            audit = withProvenance
        }
        let builder = BuilderAudit(store: store, auditor: auditor, converted: converted, cache: layerAudits.cache(in: store))
        let stageFindings = try builder.stageFindings(results: results, finalLayers: Set(result.layers.map(\.diffID)))
        let extra = stageFindings.flatMap(\.findings) + (try builder.cacheMountFindings(executor: executor))
            + (try builder.mountResidueFindings(layers: result.layers))
        audit = BuildAuditAugmenter(converted: converted, result: result, logExposures: executor.logExposures, builderFindings: extra).augment(audit)
        try saveStageReport(converted: converted, stageFindings: stageFindings, audit: audit, image: exported.id)
        try saveMountResidue(audit.findings.filter { $0.severity == .info }, image: exported.id)
        let executed = report.executed.compactMap { converted.definition[$0] }.filter { if case .source = $0.op { return false }; return true }.map(\.name)
        let ranThisBuild = Set(report.executed)
        let explanations = converted.targetClosure.compactMap { vertex -> String? in
            guard let explanation = report.explanations[vertex.id] else { return nil }
            let rebuilt = vertex.inputs.compactMap { converted.definition[$0] }.filter { input in
                if case .source = input.op { return false }
                return ranThisBuild.contains(input.id)
            }
            return CacheExplainer.explain(explanation, vertex: vertex, secrets: converted.steps[vertex.id]?.secrets ?? [], rebuiltInputs: rebuilt.map(\.name))
        }
        return BuildOutcome(
            imageID: exported.id.description, manifestDigest: exported.manifestDigest.description, tags: request.tags, report: audit,
            cachedSteps: progress.cachedSteps, executedSteps: executed, cacheExplanations: explanations)
    }

    /// Keeps `strata audit --stages` answerable for this image.
    func saveStageReport(converted: ConvertedBuild, stageFindings: [(stage: StageSummary, findings: [StrataVerify.Finding])], audit: AuditReport, image: Digest) throws {
        let byStage = Dictionary(stageFindings.map { ($0.stage.index, $0.findings) }, uniquingKeysWith: { $1 })
        let finalSecrets = Set(audit.findings.filter { $0.place == .layer && $0.severity == .leak }.map(\.secret))
        let stages = converted.stages.filter(\.reachable).map { stage in
            StageReport.Stage(
                index: stage.index, name: stage.displayName.isEmpty ? "stage-\(stage.index)" : stage.displayName,
                inFinalImage: stage.index == converted.targetStage, mountedSecrets: stage.mountedSecrets,
                secretsInLayers: stage.index == converted.targetStage ? finalSecrets.sorted() : Set((byStage[stage.index] ?? []).map(\.secret)).sorted(),
                readsFrom: stage.dependencies.map { index in
                    let other = converted.stages[index]
                    return other.displayName.isEmpty ? "stage-\(index)" : other.displayName
                })
        }
        let report = StageReport(image: image.description, stages: stages)
        // Recomputed by the next build of the image, so not fsynced; a torn one reads as absent.
        // A rebuild that finds the same report leaves the file alone.
        let data = try StableJSON.encode(report)
        if (try? store.readRecord("stages-\(image.hex)")) == data { return }
        try store.writeRecord("stages-\(image.hex)", data, durable: false)
    }

    /// The stage report of an image Strata built.
    public func stageReport(_ reference: String) throws -> StageReport? {
        let stored = try image(reference)
        guard let data = try store.readRecord("stages-\(stored.id.hex)") else { return nil }
        return try? StableJSON.decode(StageReport.self, from: data)
    }

    /// The failing instruction's lines with one line of context each side, numbered.
    static func excerpt(_ text: String, from start: Int, to end: Int) -> [(number: Int, text: String, failing: Bool)] {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        let first = max(1, start - 1), last = min(lines.count, end + 1)
        guard first <= last else { return [] }
        return (first...last).map { ($0, String(lines[$0 - 1]), $0 >= start && $0 <= end) }
    }


    /// Resolves every secret the build declares, and checks that each secret a reachable stage
    /// mounts as `required` is there before anything runs.
    func resolveSecrets(_ request: BuildRequest, converted: ConvertedBuild) throws -> [String: [UInt8]] {
        var values: [String: [UInt8]] = [:]
        for source in request.secrets {
            values[source.id] = try source.resolve(environment: request.environment, currentDirectory: URL(fileURLWithPath: FileManager.default.currentDirectoryPath))
        }
        for vertex in converted.targetClosure {
            guard case .exec(let exec) = vertex.op else { continue }
            for mount in exec.mounts {
                guard case .secret(let id, let required, _, _, _, _) = mount.kind, required, values[id] == nil else { continue }
                let tried = request.secrets.filter { $0.id == id }.map(\.description)
                throw BuildError.missingSecret(id: id, tried: tried.isEmpty ? ["no --secret id=\(id) was given"] : tried)
            }
        }
        return values
    }

    /// An image in the store as a solver state: its layer blobs at once, and its filesystem when
    /// a step first reads it, from the rootfs kept for its layer chain (`RootfsCache`). The
    /// build's own writes go to `blobs`, never into the kept tree's store.
    func solvedState(of reference: String, blobs: any BlobStore) throws -> SolvedState {
        let stored = try image(reference)
        var layers: [LayerBlob] = []
        for (index, descriptor) in stored.manifest.layers.enumerated() {
            let diffID = index < stored.config.diffIDs.count ? stored.config.diffIDs[index] : descriptor.digest
            layers.append(LayerBlob(digest: descriptor.digest, diffID: diffID, size: descriptor.size, mediaType: descriptor.mediaType))
        }
        let digests = stored.manifest.layers.map(\.digest)
        let chain = stored.config.diffIDs.count == digests.count ? stored.config.diffIDs : digests
        let key = RootfsCache.key(of: chain)
        let (cache, store) = (rootfs, self.store)
        return SolvedState(layers: layers) {
            let base = try cache.snapshot(key: key, layers: digests, store: store)
            return base.storing(in: LayeredBlobStore(upper: blobs, lower: base.store))
        }
    }

    /// The largest image (sum of its layer blobs) `strata load` audits ahead of its first build.
    static let loadAuditBytes = 64 << 20

    /// Unpacks an image's rootfs into the store ahead of its first build, as `docker load`
    /// unpacks layers into its snapshotter, and audits its layers with the built-in detectors,
    /// so that builds on it (without declared secrets) neither unpack nor scan them again.
    func prepareRootfs(_ reference: String) throws {
        let stored = try image(reference)
        let digests = stored.manifest.layers.map(\.digest)
        let chain = stored.config.diffIDs.count == digests.count ? stored.config.diffIDs : digests
        _ = try rootfs.snapshot(key: RootfsCache.key(of: chain), layers: digests, store: store)
        // The built-in detectors' findings in its layers, kept for every build without secrets.
        // A large image is left to its first build: `strata load` should not take a full audit's
        // time for an image that may never be built on.
        guard stored.manifest.layers.reduce(0, { $0 + $1.size }) <= Self.loadAuditBytes else { return }
        _ = try plainAuditor.audit(
            StoredAuditableImage(store: store, manifest: stored.manifest, configJSON: try store.get(stored.manifest.config.digest)),
            name: reference, layerDigests: digests, cache: layerAudits.cache(in: store))
    }
}

/// The config digests of the images a conversion resolved, collected by its resolver.
private final class ResolvedConfigs {
    var digests: [String: Digest] = [:]
}
