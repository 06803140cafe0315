package io.iptscope.packaging;

import io.iptscope.exec.Command;
import io.iptscope.exec.CommandResult;
import io.iptscope.exec.LocalRunner;
import java.awt.image.BufferedImage;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;

/**
 * An Xvfb server for one test, and the programs started on it; {@link #close()} ends them all. The
 * processes run in the background, which {@link LocalRunner} (run to completion) cannot do.
 */
final class VirtualDisplay implements AutoCloseable {

    private static final LocalRunner RUNNER = new LocalRunner();

    private final Process xvfb;
    private final String display;
    private final List<Process> clients = new ArrayList<>();

    private VirtualDisplay(Process xvfb, String display) {
        this.xvfb = xvfb;
        this.display = display;
    }

    /** Starts Xvfb on a free display number, which it picks and reports itself (-displayfd). */
    static VirtualDisplay start(int width, int height) throws IOException {
        Process xvfb = new ProcessBuilder("Xvfb", "-displayfd", "1", "-screen", "0", width + "x" + height + "x24",
                "-nolisten", "tcp").redirectError(ProcessBuilder.Redirect.DISCARD).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(xvfb.getInputStream(), StandardCharsets.UTF_8));
        String number = out.readLine();
        if (number == null || !number.strip().matches("\\d+")) {
            xvfb.destroyForcibly();
            throw new IOException("Xvfb did not report a display number: " + number);
        }
        return new VirtualDisplay(xvfb, ":" + number.strip());
    }

    /** Starts argv with this display; its output goes to {@code log}. */
    Process launch(List<String> argv, Path log) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(argv).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put("DISPLAY", display);
        Process p = pb.start();
        clients.add(p);
        return p;
    }

    /** The whole screen as a PNG file, read back. */
    BufferedImage screenshot(Path png) throws IOException {
        CommandResult r = RUNNER.run(Command.of("import", "-display", display, "-window", "root", png.toString())
                .withTimeout(Duration.ofSeconds(30)));
        if (!r.ok()) {
            throw new IOException("import failed: " + r.summary());
        }
        return ImageIO.read(png.toFile());
    }

    /** The window tree with each window's name and WM_CLASS (xwininfo -root -tree). */
    String windowTree() {
        // UTF-8, or xwininfo prints "failure in conversion" for titles like "iptscope · local · ...".
        return RUNNER.run(Command.of("env", "LC_ALL=C.UTF-8", "xwininfo", "-display", display, "-root", "-tree")
                .withTimeout(Duration.ofSeconds(10))).stdoutText();
    }

    @Override
    public void close() throws InterruptedException {
        for (Process p : clients) {
            stop(p);
        }
        stop(xvfb);
    }

    private static void stop(Process p) throws InterruptedException {
        p.descendants().forEach(ProcessHandle::destroy);
        p.destroy();
        if (!p.waitFor(10, TimeUnit.SECONDS)) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }
}
