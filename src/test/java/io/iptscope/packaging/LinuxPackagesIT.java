package io.iptscope.packaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.iptscope.exec.Command;
import io.iptscope.exec.CommandResult;
import io.iptscope.exec.LocalRunner;
import io.iptscope.testing.Requirements;
import io.iptscope.testing.TestNetns;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The installers as an operator gets them: packaging/build.sh builds the .deb and the .rpm from the
 * jar of this build, the .deb is installed on this machine, its launcher runs the CLI on a test netns
 * and opens the window under Xvfb, and removing the package leaves nothing behind. Runs after
 * {@code package} (failsafe); {@code -DskipITs} leaves it out of a quick {@code verify}.
 */
class LinuxPackagesIT {

    private static final LocalRunner RUNNER = new LocalRunner();
    private static final Path BUILD = Path.of(System.getProperty("iptscope.build.dir", "target")).toAbsolutePath();
    private static final Path OUT = BUILD.resolve("packaging-it");
    /** Other checkouts on this machine run the same test; the package can be installed only once. */
    private static final Path LOCK = Path.of("/run/lock/iptscope-packages-it.lock");
    private static final Path LAUNCHER = Path.of("/usr/bin/iptscope");
    /** The launchers /usr/bin/iptscope picks from: the window's and the command line's. */
    private static final Path WINDOW_LAUNCHER = Path.of("/opt/iptscope/bin/iptscope");
    private static final Path CLI_LAUNCHER = Path.of("/opt/iptscope/bin/iptscope-cli");
    private static final Path DESKTOP_FILE = Path.of("/usr/share/applications/iptscope.desktop");
    /** Everything the package puts outside /opt/iptscope, and /opt/iptscope itself. */
    private static final List<Path> INSTALLED = List.of(Path.of("/opt/iptscope"), LAUNCHER, DESKTOP_FILE,
            Path.of("/usr/share/icons/hicolor/16x16/apps/iptscope.png"),
            Path.of("/usr/share/icons/hicolor/512x512/apps/iptscope.png"),
            Path.of("/usr/share/icons/hicolor/scalable/apps/iptscope.svg"));
    private static final List<Integer> ICON_SIZES = List.of(16, 24, 32, 48, 64, 128, 256, 512);
    private static final long MAX_DEB_BYTES = 40L * 1024 * 1024;
    private static final Duration GUI_DEADLINE = Duration.ofSeconds(120);
    /** A rendered window has text, icons and anti-aliasing; an unpainted one is a few flat colours. */
    private static final int MIN_COLOURS = 64;
    /** A blinking caret or a progress spinner may still change between two settled screenshots. */
    private static final int SETTLED_PIXELS = 200;

    @Test
    void buildInstallRunAndRemoveTheInstallers() throws Exception {
        Requirements.requireRoot();
        Requirements.requireBinaries("jdeps", "jlink", "jpackage", "unzip", "fakeroot", "dpkg-deb", "rpmbuild", "rpm",
                "rpm2archive", "apt-get", "dpkg-query", "Xvfb", "import", "xwininfo", "desktop-file-validate");
        Files.createDirectories(OUT);
        try (FileChannel channel = FileChannel.open(LOCK, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
             FileLock lock = channel.lock()) {
            Requirements.require(!installed(), "needs a machine where the iptscope package is not installed "
                    + "(the test installs and removes it)");
            assertEquals(List.of(), leftovers(), "files of iptscope without the package; remove them first");
            PackageVersion version = PackageVersion.of(BUILD);

            System.out.print(step("build both packages", Duration.ofMinutes(15),
                    "bash", "packaging/build.sh", "--skip-maven", "--build-dir", BUILD.toString()).stdoutText());
            Path deb = onlyPackage(".deb");
            Path rpm = onlyPackage(".rpm");
            checkDeb(deb, version);
            checkRpm(rpm, version);
            try {
                step("install the .deb", Duration.ofMinutes(5), "env", "DEBIAN_FRONTEND=noninteractive", "apt-get",
                        "-o", "DPkg::Lock::Timeout=120", "install", "-y", "--no-install-recommends", deb.toString());
                checkInstalled();
                // --version through the command on PATH is a command-line run, the window's launcher starts G1.
                checkSharedArchive(LAUNCHER, "Serial");
                checkSharedArchive(WINDOW_LAUNCHER, "G1");
                try (TestNetns ns = TestNetns.create()) {
                    ns.exec("iptables-nft", "-A", "INPUT", "-s", "192.0.2.1", "-j", "DROP");
                    checkCli(version, ns);
                    checkGui(ns);
                }
            } finally {
                step("remove the package", Duration.ofMinutes(2), "env", "DEBIAN_FRONTEND=noninteractive", "apt-get",
                        "-o", "DPkg::Lock::Timeout=120", "purge", "-y", "iptscope");
            }
            assertFalse(installed(), "iptscope is still installed after apt-get purge");
            assertEquals(List.of(), leftovers(), "left behind by apt-get purge iptscope");
        }
    }

    private static void checkDeb(Path deb, PackageVersion version) {
        assertTrue(size(deb) < MAX_DEB_BYTES, deb + " is " + size(deb) + " bytes, over the 40 MB target");
        assertEquals(version.full(), field(deb, "Version"), "the .deb's version is the pom's");
        assertTrue(field(deb, "Depends").contains("libgtk-3-0"), "the .deb depends on GTK 3 (JavaFX's glass)");
        assertEquals("iptables", field(deb, "Recommends"));
        CommandResult listing = step("list the .deb", Duration.ofMinutes(1), "dpkg-deb", "--contents", deb.toString());
        Set<String> files = new HashSet<>();
        for (String line : lines(listing)) {
            files.add(line.substring(line.indexOf("./") + 1).replaceFirst(" -> .*", ""));
        }
        assertPackaged(files, deb);
    }

    private static void checkRpm(Path rpm, PackageVersion version) throws IOException {
        String rpmVersion = step("read the .rpm's version", Duration.ofMinutes(1), "rpm", "-qp", "--queryformat",
                "%{VERSION}-%{RELEASE}", rpm.toString()).stdoutText();
        assertEquals(version.full(), rpmVersion, "the .rpm's version is the pom's");
        assertTrue(step("read the .rpm's requirements", Duration.ofMinutes(1), "rpm", "-qpR", rpm.toString())
                .stdoutText().contains("gtk3"), "the .rpm requires gtk3");
        Set<String> files = new HashSet<>(lines(step("list the .rpm", Duration.ofMinutes(1), "rpm", "-qlp",
                rpm.toString())));
        assertPackaged(files, rpm);
        for (String archive : List.of("iptscope.jsa", "iptscope-cli.jsa")) {
            assertTrue(files.contains("/opt/iptscope/lib/app/" + archive), "the .rpm owns the archive %post writes: "
                    + archive);
        }
        assertTrue(step("read the .rpm's scripts", Duration.ofMinutes(1), "rpm", "-qp", "--scripts", rpm.toString())
                .stdoutText().contains("/opt/iptscope/lib/appcds-install.sh"), "the .rpm's %post writes the archive");
        List<String> outside = files.stream().filter(f -> !f.startsWith("/opt/iptscope")
                && !f.startsWith("/usr/share/icons/hicolor/") && !f.startsWith("/usr/share/licenses/iptscope")
                && !f.equals(LAUNCHER.toString()) && !f.equals(DESKTOP_FILE.toString())).toList();
        assertEquals(List.of(), outside, "the .rpm owns files (or shared directories) outside its own");
        // No rpm-based system here to install it on: unpack its payload and start its launcher from there.
        Path unpacked = OUT.resolve("rpm");
        step("clear " + unpacked, Duration.ofMinutes(1), "rm", "-rf", unpacked.toString());
        Files.createDirectories(unpacked.resolve("root"));
        Path copy = Files.copy(rpm, unpacked.resolve(rpm.getFileName()));
        step("unpack the .rpm", Duration.ofMinutes(2), "rpm2archive", "-n", copy.toString());
        step("extract the payload", Duration.ofMinutes(2), "tar", "-xf", copy + ".tar", "-C",
                unpacked.resolve("root").toString());
        assertEquals("iptscope " + version.pom(), step("the .rpm's iptscope --version", Duration.ofSeconds(60),
                unpacked.resolve("root/opt/iptscope/bin/iptscope").toString(), "--version").stdoutText().strip());
    }

    /** What both packages must hold: launcher, linked runtime with JavaFX's natives, command, menu entry, icons. */
    private static void assertPackaged(Set<String> files, Path pkg) {
        List<String> wanted = new ArrayList<>(List.of(WINDOW_LAUNCHER.toString(), CLI_LAUNCHER.toString(),
                "/opt/iptscope/lib/runtime/lib/server/libjvm.so", "/opt/iptscope/lib/runtime/lib/libglassgtk3.so",
                "/opt/iptscope/lib/runtime/lib/modules", LAUNCHER.toString(), DESKTOP_FILE.toString(),
                "/usr/share/icons/hicolor/scalable/apps/iptscope.svg"));
        ICON_SIZES.forEach(s -> wanted.add("/usr/share/icons/hicolor/" + s + "x" + s + "/apps/iptscope.png"));
        List<String> missing = wanted.stream().filter(f -> !files.contains(f)).toList();
        assertEquals(List.of(), missing, "missing in " + pkg.getFileName());
        assertFalse(files.stream().anyMatch(f -> f.endsWith("/bin/java")), "the runtime has no java command");
    }

    private static void checkInstalled() {
        assertTrue(Files.isExecutable(LAUNCHER), "iptscope on PATH is executable");
        step("validate the menu entry", Duration.ofSeconds(30), "desktop-file-validate", DESKTOP_FILE.toString());
    }

    /**
     * The launcher starts from the class-data-sharing archive postinst wrote for it, with the application's classes
     * in it, and with its own collector: -Xshare:on refuses to start rather than run without it, the class-loading
     * log says where each class came from and the GC log which collector runs. _JAVA_OPTIONS come after the
     * launcher's own options.
     */
    private static void checkSharedArchive(Path launcher, String collector) throws IOException {
        Path log = OUT.resolve(launcher.getFileName() + "-class-load.log");
        Files.deleteIfExists(log);
        step(launcher + " --version on the shared archive", Duration.ofSeconds(60), "env",
                "_JAVA_OPTIONS=-Xshare:on -Xlog:class+load=info,gc=info:file=" + log, launcher.toString(), "--version");
        List<String> loaded = Files.readAllLines(log);
        for (String cls : List.of("java.lang.Object", "io.iptscope.cli.Main")) {
            assertTrue(loaded.stream().anyMatch(l -> l.contains(" " + cls + " source: shared objects file")),
                    cls + " is not loaded from the shared archive; see " + log);
        }
        assertTrue(loaded.stream().anyMatch(l -> l.contains("Using " + collector)),
                launcher + " does not run the " + collector + " collector; see " + log);
    }

    /** Through /usr/bin/iptscope, as an operator types it. */
    private static void checkCli(PackageVersion version, TestNetns ns) throws IOException {
        assertEquals("iptscope " + version.pom(), step("iptscope --version", Duration.ofSeconds(60),
                LAUNCHER.toString(), "--version").stdoutText().strip());
        CommandResult r = RUNNER.run(Command.of(LAUNCHER.toString(), "detect", "--netns", ns.name(), "--json")
                .withTimeout(Duration.ofSeconds(120)));
        // 1 is a finding of severity error, still a complete report.
        assertTrue(r.exitCode() == 0 || r.exitCode() == 1, "iptscope detect --json: " + r.summary());
        System.out.printf("iptscope detect --json: %.1f s%n", r.duration().toMillis() / 1000.0);
        JsonNode report = new ObjectMapper().readTree(r.stdout());
        assertEquals("iptscope.detection/2", report.path("schema").asText());
        assertEquals(version.pom(), report.path("tool").path("version").asText());
        assertEquals("netns:" + ns.name(), report.path("target").path("spec").asText());
        assertTrue(report.path("verdicts").size() > 0, "the report has verdicts");
    }

    /** The window as the menu entry opens it, on the test netns, under Xvfb. */
    private static void checkGui(TestNetns ns) throws Exception {
        String wmClass = Files.readAllLines(DESKTOP_FILE).stream().filter(l -> l.startsWith("StartupWMClass="))
                .map(l -> l.substring("StartupWMClass=".length())).findFirst().orElseThrow();
        Path log = OUT.resolve("gui.log");
        Path png = OUT.resolve("gui.png");
        long start = System.nanoTime();
        try (VirtualDisplay display = VirtualDisplay.start(1280, 800)) {
            Process gui = display.launch(List.of(LAUNCHER.toString(), "gui", "--netns", ns.name()), log);
            // The title names the netns once its detection is shown; the screenshot is kept once the
            // window has settled (a repaint can lag behind the title), or at the deadline.
            long deadline = System.nanoTime() + GUI_DEADLINE.toNanos();
            String tree = "";
            BufferedImage shot = null;
            boolean settled = false;
            while (System.nanoTime() < deadline && !settled) {
                Thread.sleep(2000);
                if (!gui.isAlive()) {
                    fail("the GUI exited with " + gui.exitValue() + ":\n" + Files.readString(log));
                }
                tree = display.windowTree();
                if (tree.contains("netns:" + ns.name())) {
                    BufferedImage previous = shot;
                    shot = display.screenshot(png);
                    settled = previous != null && distinctColours(shot) >= MIN_COLOURS
                            && changedPixels(previous, shot) <= SETTLED_PIXELS;
                }
            }
            int colours = shot == null ? 0 : distinctColours(shot);
            assertTrue(tree.contains("netns:" + ns.name()), "no window titled with the netns:\n" + tree
                    + "\nGUI output:\n" + Files.readString(log));
            assertTrue(colours >= MIN_COLOURS, "the window looks blank (" + colours + " colours): " + png);
            assertTrue(tree.contains("(\"" + wmClass + "\""), "the window's WM_CLASS is the desktop entry's "
                    + "StartupWMClass " + wmClass + ":\n" + tree);
        }
        System.out.printf("GUI shown, painted and settled in %d s: %s%n",
                (System.nanoTime() - start) / 1_000_000_000, png);
    }

    /** Pixels (every second one in each direction) that differ between two screenshots of one size. */
    static int changedPixels(BufferedImage a, BufferedImage b) {
        int changed = 0;
        for (int y = 0; y < a.getHeight(); y += 2) {
            for (int x = 0; x < a.getWidth(); x += 2) {
                if (a.getRGB(x, y) != b.getRGB(x, y)) {
                    changed++;
                }
            }
        }
        return changed;
    }

    static int distinctColours(BufferedImage image) {
        Set<Integer> colours = new HashSet<>();
        for (int y = 0; y < image.getHeight(); y += 2) {
            for (int x = 0; x < image.getWidth(); x += 2) {
                colours.add(image.getRGB(x, y) & 0xffffff);
            }
        }
        return colours.size();
    }

    private static boolean installed() {
        CommandResult r = RUNNER.run(Command.of("dpkg-query", "-W", "-f=${Status}", "iptscope"));
        return r.ok() && r.stdoutText().contains("ok installed");
    }

    private static List<String> leftovers() {
        return INSTALLED.stream().filter(p -> Files.exists(p, LinkOption.NOFOLLOW_LINKS)).map(Path::toString).toList();
    }

    /** The pom's version and how build.sh turns it into a package version (no -SNAPSHOT: release 0). */
    record PackageVersion(String pom, String upstream, String release) {

        static PackageVersion of(Path build) throws IOException {
            Properties props = new Properties();
            try (var in = Files.newInputStream(build.resolve("maven-archiver/pom.properties"))) {
                props.load(in);
            }
            String pom = props.getProperty("version");
            boolean snapshot = pom.endsWith("-SNAPSHOT");
            return new PackageVersion(pom, pom.replace("-SNAPSHOT", ""), snapshot ? "0" : "1");
        }

        String full() {
            return upstream + "-" + release;
        }
    }

    private static Path onlyPackage(String suffix) throws IOException {
        try (Stream<Path> s = Files.list(BUILD.resolve("packages"))) {
            List<Path> found = s.filter(p -> p.toString().endsWith(suffix)).toList();
            assertEquals(1, found.size(), "one " + suffix + " in " + BUILD.resolve("packages") + ": " + found);
            return found.get(0);
        }
    }

    private static String field(Path deb, String name) {
        return step("read " + name + " of the .deb", Duration.ofSeconds(30), "dpkg-deb", "--field", deb.toString(),
                name)
                .stdoutText().strip();
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> lines(CommandResult r) {
        return r.stdoutText().lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
    }

    /** Runs argv, which must succeed, and logs how long it took. */
    private static CommandResult step(String what, Duration timeout, String... argv) {
        CommandResult r = RUNNER.run(Command.of(argv).withTimeout(timeout));
        assertTrue(r.ok(), () -> what + " failed: " + r.summary() + "\n" + r.stdoutText() + "\n" + r.stderrText());
        System.out.printf("%s: %.1f s%n", what, r.duration().toMillis() / 1000.0);
        return r;
    }
}
