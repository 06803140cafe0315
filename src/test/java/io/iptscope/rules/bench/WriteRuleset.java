package io.iptscope.rules.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes the benchmark input of a size to a file, for timing the real save tools on it: {@code RULES FILE}. */
public final class WriteRuleset {

    private WriteRuleset() {
    }

    public static void main(String[] args) throws IOException {
        Files.writeString(Path.of(args[1]), BenchData.text(Integer.parseInt(args[0])), StandardCharsets.UTF_8);
    }
}
