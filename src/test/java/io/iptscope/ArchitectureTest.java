package io.iptscope;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The layering rules that keep the engine usable without a display and every process in one place. */
class ArchitectureTest {

    private static final Path MAIN = Path.of("src/main/java/io/iptscope");

    @Test
    void onlyTheUiPackageImportsJavaFx() throws IOException {
        List<String> offenders = sourcesOutside("ui").filter(p -> contains(p, "import javafx.")).map(Path::toString).toList();
        assertEquals(List.of(), offenders, "JavaFX outside io.iptscope.ui");
    }

    @Test
    void viewModelsNeedNoDisplay() throws IOException {
        // Properties and collections (javafx.base) only: no scene graph, stage, FXML or FX thread.
        List<String> offenders;
        try (Stream<Path> s = Files.walk(MAIN.resolve("ui"))) {
            offenders = s.filter(p -> p.toString().endsWith("ViewModel.java"))
                    .filter(p -> contains(p, "import javafx.scene") || contains(p, "import javafx.stage")
                            || contains(p, "import javafx.fxml") || contains(p, "Platform.runLater"))
                    .map(Path::toString).toList();
        }
        assertEquals(List.of(), offenders, "view models that need a display");
    }

    @Test
    void onlyTheExecPackageStartsProcesses() throws IOException {
        List<String> offenders = sourcesOutside("exec")
                .filter(p -> contains(p, "ProcessBuilder") || contains(p, "Runtime.getRuntime().exec"))
                .map(Path::toString).toList();
        assertEquals(List.of(), offenders, "processes started outside io.iptscope.exec");
    }

    @Test
    void everyLayerExists() {
        for (String pkg : List.of("exec", "discover", "rules", "detect", "restore", "report", "cli", "ui")) {
            assertTrue(Files.isDirectory(MAIN.resolve(pkg)), pkg);
        }
    }

    private static Stream<Path> sourcesOutside(String pkg) throws IOException {
        List<Path> all;
        try (Stream<Path> s = Files.walk(MAIN)) {
            all = s.filter(p -> p.toString().endsWith(".java")).toList();
        }
        return all.stream().filter(p -> !p.startsWith(MAIN.resolve(pkg)));
    }

    private static boolean contains(Path p, String needle) {
        try {
            return Files.readString(p).contains(needle);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
