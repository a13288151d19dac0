extension BuildChecker {
    func emptyContinuationFindings() -> [Finding] {
        dockerfile.ast.warnings.filter { $0.rule == Rule.noEmptyContinuation.name }.map {
            Finding(rule: .noEmptyContinuation, message: "Empty continuation line", range: $0.range)
        }
    }

    /// ConsistentInstructionCasing: keywords should all be upper or all lower case; the majority
    /// decides (ties go to upper case) and mixed-case keywords are always reported.
    func casingFindings() -> [Finding] {
        let nodes = dockerfile.ast.instructions
        var lower = 0
        var upper = 0
        for node in nodes where node.value == node.value.lowercased() || node.value == node.value.uppercased() {
            if node.value == node.value.lowercased() { lower += 1 } else { upper += 1 }
        }
        let majorityLower = lower > upper
        return nodes.compactMap { node in
            let casing: String?
            if majorityLower && node.value.lowercased() != node.value {
                casing = "lowercase"
            } else if !majorityLower && node.value.uppercased() != node.value {
                casing = "uppercase"
            } else {
                casing = nil
            }
            return casing.map {
                Finding(rule: .consistentInstructionCasing,
                        message: "Command '\(node.value)' should match the case of the command majority (\($0))",
                        range: range(of: node))
            }
        }
    }

    /// StageNameCasing, FromAsCasing, DuplicateStageName, ReservedStageName.
    func stageFindings() -> [Finding] {
        var findings: [Finding] = []
        var seen: Set<String> = []
        for stage in dockerfile.stages {
            let from = stage.fromInstruction
            guard let written = stage.from.stageNameAsWritten, let name = stage.from.stageName else { continue }
            if written != written.lowercased() {
                findings.append(finding(.stageNameCasing, "Stage name '\(written)' should be lowercase", at: from))
            }
            if let asKeyword = stage.from.asKeyword {
                let keyword = from.keyword
                let fromUpper = keyword == keyword.uppercased()
                let fromLower = keyword == keyword.lowercased()
                let mismatch = (fromUpper && asKeyword != asKeyword.uppercased()) || (fromLower && asKeyword != asKeyword.lowercased())
                if mismatch {
                    findings.append(finding(.fromAsCasing, "'\(asKeyword)' and '\(keyword)' keywords' casing do not match", at: from))
                }
            }
            if ["scratch", "context"].contains(name) {
                findings.append(finding(.reservedStageName, "Stage name should not use the same name as reserved stage \"\(name)\"", at: from))
            }
            if !seen.insert(name).inserted {
                findings.append(finding(.duplicateStageName, "Duplicate stage name \"\(name)\", stage names should be unique", at: from))
            }
        }
        return findings
    }

    /// Rules that look at one instruction (with a little per-stage state).
    func instructionFindings() -> [Finding] {
        var findings: [Finding] = []
        // What a stage passes on to stages built FROM it.
        var absoluteWorkdirInStage: [String: Bool] = [:]
        var shellInStage: [String: Bool] = [:]
        for stage in dockerfile.stages {
            var hasAbsoluteWorkdir = absoluteWorkdirInStage[stage.baseName.lowercased()] ?? false
            // BuildKit warns only while the image config has no SHELL (set here or inherited).
            var hasShell = shellInStage[stage.baseName.lowercased()] ?? false
            var lastOfKind: [String: Instruction] = [:]
            for instruction in stage.instructions {
                findings += secretFindings(instruction)
                switch instruction.kind {
                case .maintainer:
                    findings.append(finding(.maintainerDeprecated, "Maintainer instruction is deprecated in favor of using label", at: instruction))
                case .shell:
                    hasShell = true
                case .cmd(let form), .entrypoint(let form):
                    if !form.isExecForm && !hasShell {
                        findings.append(finding(.jsonArgsRecommended,
                            "JSON arguments recommended for \(instruction.keyword) to prevent unintended behavior related to OS signals", at: instruction))
                    }
                case .workdir(let path):
                    if path.hasPrefix("/") || path.hasPrefix("$") {
                        hasAbsoluteWorkdir = true
                    } else if !hasAbsoluteWorkdir {
                        findings.append(finding(.workdirRelativePath,
                            "Relative workdir \(GoQuote.quote(path)) can have unexpected results if the base image changes", at: instruction))
                    }
                case .env(let pairs), .label(let pairs):
                    if pairs.contains(where: \.isLegacyForm) {
                        let name = instruction.keyword
                        findings.append(finding(.legacyKeyValueFormat,
                            "\"\(name) key=value\" should be used instead of legacy \"\(name) key value\" format", at: instruction))
                    }
                default:
                    break
                }
                // BuildKit's validateUsedOnce: reported at the earlier instruction (the one that
                // will be ignored) but named as the later one is written.
                if ["CMD", "ENTRYPOINT", "HEALTHCHECK"].contains(instruction.name) {
                    if let previous = lastOfKind[instruction.name] {
                        findings.append(finding(.multipleInstructionsDisallowed,
                            "Multiple \(instruction.keyword) instructions should not be used in the same stage because only the last one will be used", at: previous))
                    }
                    lastOfKind[instruction.name] = instruction
                }
            }
            if let name = stage.name {
                absoluteWorkdirInStage[name] = hasAbsoluteWorkdir
                shellInStage[name] = hasShell
            }
        }
        return findings
    }
}
