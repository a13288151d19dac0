// libFuzzer entry point for word expansion (BuildKit's shell/lex). Built by Scripts/fuzz, not
// by SwiftPM (see Docs/fuzzing.md).
import StrataDockerfile

/// The environment of BuildKit's envVarTest (non-ASCII and set-but-empty values included),
/// plus values holding whitespace, quotes, `$` and escape characters, so expansion results are
/// themselves awkward words.
private let environment = Environment([
    ("PWD", "/home"), ("SHELL", "bash"), ("KOREAN", "한국어"), ("NULL", ""),
    ("SPACED", " a  b\tc "), ("QUOTED", "'x\" y"), ("DOLLAR", "$PWD ${SHELL}"),
    ("ESC", "\\`\\n`"), ("LONG", String(repeating: "ab", count: 64)),
])

/// Expands the input as one word with both escape characters, in the default mode and in the
/// heredoc-marker mode (raw quotes and escapes, unset variables left alone).
///
/// The bytes are decoded as UTF-8 with replacement, as the parser hands words to the expander.
/// Thrown `ExpansionError`s are expected results; only a trap, a sanitizer report or a timeout
/// is a finding.
@_cdecl("LLVMFuzzerTestOneInput")
public func wordExpanderFuzz(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let word = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    for escape: Character in ["\\", "`"] {
        let plain = WordExpander(escape: escape)
        consume(try? plain.expand(word, environment: environment))
        consume(try? plain.expandWords(word, environment: environment))
        let raw = WordExpander(escape: escape, rawQuotes: true, rawEscapes: true, skipUnsetVariables: true)
        do {
            let expansion = try raw.process(word, environment: environment)
            consume(expansion)
        } catch {
            consume(error.description)
        }
    }
    return 0
}
