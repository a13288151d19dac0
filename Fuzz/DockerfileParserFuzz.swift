// libFuzzer entry point for the Dockerfile front half: bytes → AST → dump, typed
// instructions and build checks. Built by Scripts/fuzz, not by SwiftPM (see Docs/fuzzing.md).
import StrataDockerfile
import StrataSupport

/// Feeds one input through every stage a user's Dockerfile goes through before a build.
///
/// The bytes are decoded as UTF-8 with replacement, as `strata` decodes a Dockerfile it reads.
/// Thrown `DockerfileError`s are expected results, not findings: their rendering (message,
/// location, caret line) runs too, because users see it. Only a trap, a sanitizer report or a
/// timeout is a finding.
@_cdecl("LLVMFuzzerTestOneInput")
public func dockerfileParserFuzz(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    do {
        let ast = try DockerfileParser.parse(text)
        consume(ASTDump.render(ast))
        let parsed = try InstructionParser.parse(ast)
        for finding in BuildChecker(parsed).findings() {
            consume(finding.diagnostic.description)
        }
    } catch {
        consume(error.description)
    }
    return 0
}
