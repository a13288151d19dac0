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
    ] + tarSnippets

    /// tar: busybox walks directories in readdir order, so multi-entry listings are sorted.
    static let tarSnippets: [String] = [
        "tar cf x.tar data/a.txt; tar tf x.tar; rm x.tar",
        "tar cf x.tar data; tar tf x.tar | sort; rm x.tar",
        "tar cvf x.tar data/sub | sort; rm x.tar",
        "tar cf x.tar data/a.txt link; tar tvf x.tar | awk '{print $1, $2, $3, $6, $7, $8}'; rm x.tar",
        "tar cf - data/a.txt | tar tf -",
        "tar czf x.tgz data/sub; tar tzf x.tgz | sort; rm x.tgz",
        "tar cf x.tar data/sub; mkdir out; tar xf x.tar -C out; cat out/data/sub/c.txt; rm x.tar",
        "tar cf x.tar -C data sub a.txt; mkdir out; cd out; tar xvf ../x.tar | sort; cd ..; rm x.tar",
        "tar cf x.tar secret.key scripts; rm -r secret.key scripts; tar xf x.tar; rm x.tar",
        "tar cf - app | tar xf - -C empty",
        "tar czf - data/a.txt | tar xzf - -C empty",
        "tar cf x.tar data/a.txt; tar xOf x.tar; rm x.tar",
        "tar cf x.tar data/a.txt; tar tf x.tar data/nothere; echo $?; rm x.tar",
        "tar cf x.tar data/a.txt data/b.txt; tar xf x.tar -C empty data/b.txt; rm x.tar",
        "tar cf x.tar nope; echo $?; tar tf x.tar; rm x.tar",
        "tar xf nope.tar; echo $?",
        "tar xf nope.tar -C nodir; echo $?",
        "tar cf x.tar data/a.txt; tar xf x.tar -C nodir; echo $?; rm x.tar",
        "tar cf x.tar link dirlink; mkdir e2; tar xf x.tar -C e2; rm x.tar",
        "tar cf x.tar data/a.txt; echo changed > data/a.txt; tar xf x.tar; cat data/a.txt; rm x.tar",
        "tar cf x.tar data/a.txt; echo changed > data/a.txt; tar xkf x.tar; cat data/a.txt; rm x.tar",
        "chmod 700 data/sub; tar cf x.tar data/sub; chmod 755 data/sub; tar xf x.tar; rm x.tar",
        "tar cf x.tar data/sub/c.txt; tar xf x.tar --strip-components=2 -C empty; rm x.tar",
        "tar -cf x.tar data/a.txt && tar -tvf x.tar | cut -c1-36; rm x.tar",
    ]
}
