/// A deterministic generator of Dockerfiles full of syntax BuildKit treats specially:
/// keyword casing, flags, JSON vs shell form (and near-JSON), continuations with comments and
/// blank lines, heredocs, ONBUILD, ENV/LABEL forms, directives, CRLF, BOM and Unicode.
struct DockerfileGenerator {
    /// SplitMix64: tiny, seedable, and identical on every platform.
    struct RNG {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        mutating func below(_ bound: Int) -> Int { Int(next() % UInt64(bound)) }
        mutating func chance(_ percent: Int) -> Bool { below(100) < percent }
        mutating func pick<T>(_ items: [T]) -> T { items[below(items.count)] }
    }

    var rng: RNG
    var escape = "\\"

    init(seed: UInt64) { rng = RNG(state: seed) }

    mutating func keyword(_ word: String) -> String {
        switch rng.below(6) {
        case 0: return word.lowercased()
        case 1: return String(word.enumerated().map { $0.offset % 2 == 0 ? Character($0.element.lowercased()) : $0.element })
        default: return word
        }
    }

    mutating func space() -> String { rng.pick([" ", " ", " ", "  ", "\t", " \t "]) }

    mutating func word() -> String {
        rng.pick(["hello", "a", "/usr/bin", "héllo", "日本", "x=y", "$HOME", "${A:-b}", "'single q'", "\"double q\"",
                  "a\\ b", "--not-a-flag", "[x]", "*.go", "#notcomment", "%p", "é"])
    }

    mutating func shellCommand() -> String {
        var parts: [String] = []
        for _ in 0..<(1 + rng.below(4)) { parts.append(word()) }
        return parts.joined(separator: space())
    }

    mutating func jsonArray(allowBroken: Bool = true) -> String {
        let items = (0..<rng.below(4)).map { _ in "\"" + rng.pick(["sh", "-c", "echo \\\"hi\\\"", "a b", "\\u00e9", "\\n", "日本", "$X"]) + "\"" }
        let body = "[" + items.joined(separator: rng.pick([",", ", ", " ,"])) + "]"
        guard allowBroken else { return body }
        switch rng.below(10) {
        case 0: return body + " trailing"
        case 1: return "[ \"a\", "
        case 2: return "['single']"
        case 3: return "  " + body
        default: return body
        }
    }

    mutating func flag(_ names: [String]) -> String {
        let name = rng.pick(names)
        switch rng.below(5) {
        case 0: return "--\(name)"
        case 1: return "--\(name)=\"a b\""
        case 2: return "--\(name)='x y'"
        case 3: return "--\(name)=é"
        default: return "--\(name)=v\(rng.below(9))"
        }
    }

    mutating func flags(_ names: [String]) -> String {
        (0..<rng.below(3)).map { _ in flag(names) + space() }.joined()
    }

    mutating func heredocBody(_ names: [String], chomp: Bool) -> String {
        var text = ""
        for name in names {
            for _ in 0..<rng.below(3) { text += (chomp && rng.chance(50) ? "\t" : "") + shellCommand() + "\n" }
            text += (chomp && rng.chance(50) ? "\t" : "") + name + "\n"
        }
        return text
    }

    mutating func heredocInstruction(_ command: String) -> String {
        let chomp = rng.chance(30)
        let count = 1 + rng.below(2)
        let names = (0..<count).map { ["EOF", "END", "FILE\($0)"][$0 % 3] }
        let markers = names.map { name -> String in
            let fd = rng.chance(15) ? "3" : ""
            let quoted = rng.pick([name, "\"\(name)\"", "'\(name)'", name])
            return fd + "<<" + (chomp ? "-" : "") + quoted
        }
        let line: String
        if command == "RUN" {
            line = keyword("RUN") + space() + flags(["mount", "network"]) + markers.joined(separator: " ") + (rng.chance(50) ? " cat" : "")
        } else {
            line = keyword(command) + space() + flags(["chown", "chmod", "link"]) + markers.joined(separator: " ") + " /dest/"
        }
        return line + "\n" + heredocBody(names, chomp: chomp)
    }

    mutating func continued(_ line: String) -> String {
        guard rng.chance(25), let cut = line.firstIndex(of: " ") else { return line }
        var middle = " " + escape + "\n"
        if rng.chance(40) { middle += rng.pick(["# comment inside\n", "   # indented comment\n", "\n", "   \n"]) }
        return String(line[..<cut]) + middle + rng.pick(["", "  ", "\t"]) + String(line[line.index(after: cut)...])
    }

    /// Lines that exercise corners of BuildKit's parser one at a time.
    static let nastyLines = [
        "RUN -- --mount=x echo", "RUN --a --  echo", "RUN\u{00A0}echo", "RUN\u{2003}echo hi", "ONBUILD RUN <<EOF\nhi\nEOF",
        "RUN <<E\"O\"F\nx\nEOF", "RUN cat <<EOF\nEOF \nEOF", "CMD [1]", "CMD [\"a\", {\"b\": 1}]", "CMD [\"a\", null]",
        "ENV A=\"a \\\"b\\\"\" B=c\\=d", "HEALTHCHECK\tCMD\ta", "RUN <<EOF <<EOF\na\nEOF\nb\nEOF", "RUN <<\"\"\nx",
        "COPY --chown=a\\ b x y", "COPY --chown=\"a\\\"b\" x y", "RUN --mount=type=secret,id=x\\\n  cat", "ENV A\tb c",
        "RUN a # not a comment", "RUN a \\  \n b", "  RUN   indented  ", "RUN [\"a\"] [\"b\"]", "RUN [\"\\u00e9\\ud83d\\ude00\"]",
        "RUN [\"\\ud800\"]", "CMD [ ]", "VOLUME [\"/a\",\n\"/b\"]", "LABEL \"a b\"=\"c d\" e='f g'", "ENV =x",
        "LABEL a", "ARG", "EXPOSE", "FROM", "ONBUILD ONBUILD RUN x", "ONBUILD --x RUN --y z", "RUN <<-EOF cat\n\t\tbody\n\t\tEOF",
        "COPY <<EOF [\"a\"]\nEOF", "COPY [\"<<EOF\", \"/x\"]", "RUN echo '<<EOF'", "RUN 12<<EOF\nx\nEOF", "RUN <<EOF<<END\nx\nEOF\ny\nEND",
        "RUN x \\\n\\\n y", "RUN x \\\n # c \\\n y", "RUN \\\n\n\n", "ADD --keep-git-dir=true https://x/y.git /y",
        "HEALTHCHECK --interval=5s", "HEALTHCHECK CMD [\"a\"] x", "MAINTAINER  a  b  ", "USER root:root # x",
        "run\t--network=none\t[\"a\"]", "ENV A=\"unterminated", "ENV A=\u{301}x B=e\u{301}", "LABEL k=\u{301}=v", "ARG X=\u{301}", "RUN <<E\u{301}\nx\nE\u{301}",
        "RUN <<\u{E9}\nx\ne\u{301}\n\u{E9}", "RUN <<\u{301}EOF\nx\n\u{301}EOF", "RUN <<$X\nx\n$X", "RUN $A<<B\nB", "RUN <<$$\n$$", "ENV A='x\\' B=y", "RUN \"unterminated",
    ]

    mutating func instruction() -> String {
        if rng.chance(20) {
            let line = rng.pick(Self.nastyLines)
            return escape == "\\" ? line : line.replacingOccurrences(of: "\\\n", with: "`\n")
        }
        switch rng.below(22) {
        case 0: return keyword("FROM") + space() + flags(["platform"]) + rng.pick(["alpine", "debian:12", "scratch", "$BASE"]) + (rng.chance(40) ? space() + rng.pick(["AS", "as"]) + space() + "stage\(rng.below(3))" : "")
        case 1, 2: return continued(keyword("RUN") + space() + flags(["mount", "network", "security"]) + (rng.chance(30) ? jsonArray() : shellCommand()))
        case 3: return heredocInstruction(rng.pick(["RUN", "COPY", "ADD"]))
        case 4: return keyword(rng.pick(["COPY", "ADD"])) + space() + flags(["from", "chown", "chmod", "link", "parents", "exclude"]) + (rng.chance(25) ? jsonArray() : shellCommand() + " /dst/")
        case 5: return continued(keyword("ENV") + space() + (rng.chance(30) ? "LEGACY value with  spaces" : "A=1 B=\"two words\" C=a\\ b D='x y'"))
        case 6: return keyword("LABEL") + space() + (rng.chance(20) ? "legacy v" : "a=b \"quoted key\"=\"v\" c=")
        case 7: return keyword("ARG") + space() + rng.pick(["NAME", "NAME=value", "A=1 B", "X=\"q v\""])
        case 8: return keyword(rng.pick(["CMD", "ENTRYPOINT", "SHELL"])) + space() + (rng.chance(50) ? jsonArray() : shellCommand())
        case 9: return keyword("EXPOSE") + space() + rng.pick(["80", "80/tcp  443/UDP", "8080-8090"])
        case 10: return keyword("VOLUME") + space() + (rng.chance(50) ? jsonArray(allowBroken: false) : "/data /logs")
        case 11: return keyword("HEALTHCHECK") + space() + rng.pick(["NONE", "--interval=5s --retries=3 CMD curl -f http://x/", "CMD [\"a\", \"b\"]", "--timeout=1m30s CMD true", ""])
        case 12: return keyword("ONBUILD") + space() + rng.pick(["RUN echo hi", "COPY [\"a\", \"b\"]", "ENV a=b", "ADD --chown=1 x y"])
        case 13: return keyword(rng.pick(["WORKDIR", "USER", "STOPSIGNAL", "MAINTAINER"])) + space() + rng.pick(["/app", "nobody:nogroup", "SIGTERM", "Jane <j@x>", "rel dir"])
        case 14: return rng.pick(["# a comment", "", "   ", "#", "  # indented"])
        case 15: return keyword(rng.pick(["RUNN", "FORM", "FOO"])) + " bar"
        case 16: return keyword("RUN") + " echo \"<<EOF\" '<<NOT'"
        case 17: return keyword("RUN") + space() + "a" + space() + escape + escape
        case 18: return keyword("COPY") + " --from=build --chmod=755 a b c/"
        case 19: return keyword("ENV") + " PATH=/x:$PATH"
        case 20: return continued(keyword("RUN") + " apt-get update && apt-get install -y curl")
        default: return keyword("RUN") + space() + shellCommand() + rng.pick(["", " ", "\t"])
        }
    }

    /// One Dockerfile; some start with directives, use backtick escapes, CRLF or a BOM.
    mutating func dockerfile() -> String {
        escape = "\\"
        var text = ""
        if rng.chance(15) { text += "# syntax=docker/dockerfile:1\n" }
        if rng.chance(15) {
            escape = "`"
            text += rng.pick(["# escape=`\n", "#escape = `\n"])
        }
        if rng.chance(10) { text += "# check=skip=JSONArgsRecommended\n" }
        text += keyword("FROM") + " base\n"
        for _ in 0..<(1 + rng.below(8)) { text += instruction() + "\n" }
        if rng.chance(10) { text += keyword("RUN") + " echo end " + escape }
        if rng.chance(10) { text = text.replacingOccurrences(of: "\n", with: "\r\n") }
        if rng.chance(5) { text = "\u{FEFF}" + text }
        return text
    }
}

extension String {
    func replacingOccurrences(of target: String, with replacement: String) -> String {
        split(separator: target, omittingEmptySubsequences: false).joined(separator: replacement)
    }
}

extension DockerfileGenerator {
    /// Characters that mean something to some part of the parser.
    static let fuzzAlphabet: [String] = [
        "\\", "`", "\"", "'", "$", "{", "}", "<<", "<", "-", "--", "[", "]", ",", "#", " ", " ", "\t", "\n", "\n", "\r\n",
        "=", "a", "b", "EOF", "é", "\u{A0}", ":", "0", "3", "/", "*",
        "\\\n", "`\n", "[\"a\"]", "\"\\u00e9\"", "null", "1", "<<-", "\t\n", "  #", "\u{301}", "--mount=", "${", ":-",
    ]

    /// A keyword followed by random characters from `fuzzAlphabet`: finds corners no
    /// hand-written case reaches.
    mutating func fuzzedDockerfile() -> String {
        escape = "\\"
        var text = rng.chance(10) ? "# escape=`\n" : ""
        text += "FROM a\n"
        for _ in 0..<(1 + rng.below(5)) {
            text += keyword(rng.pick(["RUN", "COPY", "ADD", "ENV", "LABEL", "ARG", "CMD", "HEALTHCHECK", "ONBUILD", "FROM",
                                      "EXPOSE", "VOLUME", "SHELL", "USER", "ONBUILD RUN", "ONBUILD COPY"]))
            text += " "
            for _ in 0..<rng.below(14) { text += rng.pick(Self.fuzzAlphabet) }
            text += "\n"
            if rng.chance(30) { text += "EOF\n" }
        }
        return text
    }
}
