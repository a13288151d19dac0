import StrataSupport

/// A large Dockerfile that uses every instruction and form, the same on every run: stages,
/// continuations, heredocs, JSON and shell forms, flags, comments and parser-relevant escapes.
struct DockerfileGenerator {
    var instructions: Int

    /// The text and the number of instructions it holds (counting each FROM).
    func generate() -> (text: String, instructions: Int) {
        var random = SplitMix(seed: 0xD0C4_E2F1)
        var out = "# syntax=docker/dockerfile:1\n# A generated Dockerfile for `make bench`.\nARG BASE=busybox:sim\nARG VERSION=1.0\n"
        var count = 2
        var stage = 0
        var line = 0
        while count < instructions {
            if line % 400 == 0 {
                out += "\n# stage \(stage)\nFROM ${BASE} AS stage\(stage)\n"
                count += 1
                stage += 1
            }
            line += 1
            let n = line
            let word = Self.words[Int(random.next() % UInt64(Self.words.count))]
            if random.next() % 3 == 0 { out += "# step \(n): \(word) — explains why the next instruction is here\n" }
            switch random.next() % 24 {
            case 0: out += "RUN echo \(word) \(n) > /tmp/f\(n) && cat /tmp/f\(n) | tr a-z A-Z >> /tmp/all && sed -e 's/\(word)/X/g' /tmp/all > /dev/null\n"
            case 1:
                out += "RUN set -eux; \\\n    mkdir -p /opt/\(word)/\(n) && \\\n    echo \"$VERSION-\(n)\" > /opt/\(word)/\(n)/version; \\\n"
                out += "    # a comment inside a continuation\n    ls -la /opt/\(word) | wc -l\n"
            case 2: out += "RUN [\"/bin/sh\", \"-c\", \"echo \(word) \(n) && test -d /tmp\"]\n"
            case 3: out += "RUN <<EOT\nset -e\nfor i in 1 2 3; do echo \"\(word) $i\" >> /tmp/h\(n); done\ncat /tmp/h\(n)\nEOT\n"
            case 4: out += "RUN --mount=type=cache,target=/var/cache/\(word),sharing=locked --mount=type=secret,id=token,required=false cat /run/secrets/token 2>/dev/null | wc -c\n"
            case 5: out += "ENV APP_\(n)=\(word) PATH=/opt/\(word)/bin:$PATH HOME_\(n)=\"/home/\(word) dir\" CONFIG_\(n)=/etc/\(word)/config-\(n).yaml\n"
            case 6: out += "LABEL org.example.\(word)=\"\(word) label \(n)\" version=\"${VERSION}\" \\\n      description=\"line one \\\n continues\"\n"
            case 7: out += "ARG ARG_\(n)=\(word)\nRUN echo \"building $ARG_\(n) for \(word) at step \(n)\" | tee -a /var/log/build-\(word).log\n"; count += 1
            case 8: out += "WORKDIR /srv/\(word)/$ARG_\(n)\n"
            case 9: out += "COPY --chown=1000:1000 --chmod=0644 src/\(word)/*.txt src/\(word)/config/*.yaml dest/\(word)/\(n)/\n"
            case 10: out += "COPY <<EOF /etc/\(word)-\(n).conf\n[\(word)]\nkey = value \(n)\nother = \"quoted $HOME\"\nEOF\n"
            case 11: out += "ADD --checksum=sha256:0000000000000000000000000000000000000000000000000000000000000000 https://example.com/\(word)/\(n).tar.gz /opt/\n"
            case 12: out += "USER \(1000 + n % 50):\(1000 + n % 7)\nRUN id -u > /tmp/uid-\(n) && id -g > /tmp/gid-\(n) && echo \"running as $(id -un) in $(pwd)\"\n"; count += 1
            case 13: out += "EXPOSE \(8000 + n % 1000)/tcp \(9000 + n % 1000)/udp\n"
            case 14: out += "VOLUME [\"/data/\(word)\", \"/logs/\(n)\"]\n"
            case 15: out += "CMD [\"/bin/\(word)\", \"--port\", \"\(n)\", \"--name=\\\"quoted\\\"\"]\n"
            case 16: out += "ENTRYPOINT /usr/bin/\(word) --config /etc/\(word).conf\n"
            case 17: out += "HEALTHCHECK --interval=30s --timeout=5s --start-period=10s --retries=3 CMD [\"wget\", \"-q\", \"http://localhost:\(n)/health\"]\n"
            case 18: out += "SHELL [\"/bin/sh\", \"-eu\", \"-c\"]\n"
            case 19: out += "STOPSIGNAL SIGTERM\nRUN apk add --no-cache \(word) curl ca-certificates && rm -rf /var/cache/apk/* /tmp/\(word)-\(n)\n"; count += 1
            case 20: out += "ONBUILD RUN echo onbuild \(word) \(n)\n"
            case 21: out += "COPY --from=stage\(max(0, stage - 2)) --link /tmp/ /from-stage/\(n)/\n"
            case 22: out += "# \(word) comment line \(n)\n\nRUN printf '%s\\n' \"\(word)\" 'single $quoted' \\\n\t\"tab continued\" > /tmp/p\(n)\n"
            default: out += "MAINTAINER \(word) <\(word)@example.com>\n"
            }
            count += 1
        }
        return (out, count)
    }

    static let words = [
        "alpha", "bravo", "charlie", "delta", "echo", "foxtrot", "golf", "hotel", "india", "juliet", "kilo", "lima",
        "mike", "november", "oscar", "papa", "quebec", "romeo", "sierra", "tango", "uniform", "victor", "whiskey",
    ]
}
