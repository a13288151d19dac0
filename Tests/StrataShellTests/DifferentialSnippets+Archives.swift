/// gzip and tar snippets. Compressed bytes carry a timestamp under busybox, so every snippet
/// compares decompressed content or listings and removes archives before the tree is compared.
extension DifferentialSnippets {
    static let archives: [String] = [
        "gzip data/a.txt; ls data; gunzip data/a.txt.gz; cat data/a.txt",
        "gzip -k data/a.txt; ls data; zcat data/a.txt.gz; rm data/a.txt.gz",
        "gzip -c data/b.txt | gunzip | head -3",
        "echo hi | gzip | zcat",
        "gzip -9 -c data/words | gzip -d",
        "gzip secret.key; ls secret*; gunzip secret.key.gz; cat secret.key",
        "gzip data/missing; echo $?",
        "gunzip data/a.txt; echo $?",
        "gunzip -c data/a.txt; echo $?",
        "zcat data/a.txt; echo $?",
        "gzip -k data/a.txt; gzip data/a.txt; echo $?; rm data/a.txt.gz",
        "gzip -k data/a.txt; gzip -f data/a.txt; echo $?; ls data; gunzip data/a.txt.gz",
        "cd data; gzip -c a.txt > x.tgz; gunzip x.tgz; ls; cat x.tar; rm x.tar",
        "gzip link; ls -d link*; gunzip link.gz; cat link",
        "gzip -c data/a.txt data/nonl | zcat",
        "gzip -k data/a.txt; gzip -d -k data/a.txt.gz; echo $?; gzip -dc data/a.txt.gz; rm data/a.txt.gz",
        "gzip -c data/a.txt > t.gz; gunzip -t t.gz; echo $?; ls t*; rm t.gz",
    ]
}
