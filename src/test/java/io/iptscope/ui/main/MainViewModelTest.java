package io.iptscope.ui.main;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.iptscope.exec.Command;
import io.iptscope.exec.CommandLog;
import io.iptscope.exec.CommandResult;
import io.iptscope.exec.CommandRunner;
import io.iptscope.exec.LocalRunner;
import io.iptscope.exec.PrivilegeMode;
import io.iptscope.testing.TestNetns;
import io.iptscope.ui.MismatchScenario;
import io.iptscope.ui.common.ReportOrigin;
import io.iptscope.ui.common.ShownReport;
import io.iptscope.ui.common.WindowTarget;
import io.iptscope.ui.task.SyncTaskRunner;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The toolbar's model: detection of a real netns, privilege modes, reports, without a display. */
class MainViewModelTest {

    /** Records what would run and answers every command with "permission denied". */
    private static final class DenyingRunner implements CommandRunner {
        final List<Command> seen = new ArrayList<>();
        /** Standard input as the runner got it: the caller wipes its copies of a password after the run. */
        final List<String> stdins = new ArrayList<>();

        @Override
        public CommandResult run(Command command) {
            seen.add(command);
            stdins.add(command.stdin() == null ? null : new String(command.stdin(), StandardCharsets.UTF_8));
            return new CommandResult(command, 1, null, "Permission denied".getBytes(StandardCharsets.UTF_8),
                    Duration.ofMillis(1), false, null);
        }

        @Override
        public String host() {
            return "fake";
        }
    }

    @Test
    void detectsARealNetnsWithRulesInBothBackends() {
        try (TestNetns ns = MismatchScenario.create(50)) {
            SyncTaskRunner tasks = new SyncTaskRunner();
            MainViewModel vm = new MainViewModel(new Session(new LocalRunner()), tasks, q -> Optional.empty(), true);
            assertEquals(PrivilegeMode.DIRECT, vm.privilegeProperty().get());
            vm.refreshTargets();
            assertTrue(vm.targets().stream().anyMatch(t -> t.target().equals(ns.target())),
                    "the picker lists the test netns: " + vm.targets());
            // Choosing a target detects it: no F5 needed, no stale view.
            vm.select(ns.target());
            assertNull(vm.errorProperty().get(), vm.statusProperty().get());
            ShownReport shown = vm.reportProperty().get();
            assertTrue(shown.live());
            assertEquals(ns.target().spec(), shown.report().target().spec());
            assertTrue(shown.report().findings().stream().anyMatch(f -> f.id().equals("both-backends-hold-rules")));
            assertTrue(vm.session().log().snapshot().stream().anyMatch(c -> c.commandLine().contains("nsenter --net="
                    + ns.path())), "the session's command log shows every command");
            assertEquals(List.of("List network namespaces", "Detect " + ns.target().spec()), tasks.titles());
        }
    }

    @Test
    void sudoPasswordIsAskedOnceAndNeverLogged() {
        DenyingRunner base = new DenyingRunner();
        AtomicInteger asked = new AtomicInteger();
        MainViewModel vm = new MainViewModel(new Session(base), new SyncTaskRunner(), q -> {
            asked.incrementAndGet();
            return Optional.of("s3cret".toCharArray());
        }, false);
        vm.privilegeProperty().set(PrivilegeMode.SUDO_PASSWORD);
        CommandLog log = new CommandLog();
        vm.runner(log).orElseThrow().run(Command.of("true"));
        vm.runner(log).orElseThrow().run(Command.of("true"));
        assertEquals(1, asked.get());
        assertEquals(List.of("sudo", "-S", "-k", "-p", "", "--", "true"), base.seen.get(0).argv());
        assertEquals("s3cret\n", base.stdins.get(0));
        assertTrue(vm.session().log().snapshot().stream().noneMatch(r -> r.commandLine().contains("s3cret")));
        assertEquals(2, vm.session().log().snapshot().size());
    }

    @Test
    void cancellingThePasswordPromptRunsNothing() {
        DenyingRunner base = new DenyingRunner();
        MainViewModel vm = new MainViewModel(new Session(base), new SyncTaskRunner(), q -> Optional.empty(), false);
        assertEquals(PrivilegeMode.SUDO_N, vm.privilegeProperty().get(), "non-root starts with sudo -n");
        vm.privilegeProperty().set(PrivilegeMode.SUDO_PASSWORD);
        vm.detect();
        assertTrue(base.seen.isEmpty());
        assertNotNull(vm.errorProperty().get());
        assertNull(vm.reportProperty().get());
    }

    @Test
    void aDetectionAboutToStartIsSaidUntilDetectRuns() {
        DenyingRunner base = new DenyingRunner();
        MainViewModel vm = new MainViewModel(new Session(base), new SyncTaskRunner(), q -> Optional.empty(), false);
        io.iptscope.exec.NetnsTarget first = new io.iptscope.exec.NetnsTarget.Named("first");
        vm.detectionComing(first);
        assertEquals(first, vm.comingProperty().get());
        vm.privilegeProperty().set(PrivilegeMode.SUDO_PASSWORD);
        vm.detect();
        assertNull(vm.comingProperty().get(), "detect() ends the announcement, also when it starts nothing");
        assertFalse(vm.detectingProperty().get());
    }

    @Test
    void aDeniedDetectionSaysHowToGetPrivilege() {
        MainViewModel vm = new MainViewModel(new Session(new DenyingRunner()), new SyncTaskRunner(), q -> Optional.empty(),
                false);
        vm.select(new io.iptscope.exec.NetnsTarget.Named("somewhere"));
        assertTrue(vm.errorProperty().get().contains("not found"), vm.errorProperty().get());
        assertFalse(vm.detectingProperty().get());
    }

    /** A machine without sudo: elevated commands cannot even start, the rest runs for real. */
    private static final class NoSudoRunner implements CommandRunner {
        private final LocalRunner local = new LocalRunner();

        @Override
        public CommandResult run(Command command) {
            return command.argv().get(0).equals("sudo")
                    ? CommandResult.launchFailed(command, "sudo: not found in PATH", Duration.ZERO)
                    : local.run(command);
        }

        @Override
        public String host() {
            return local.host();
        }
    }

    @Test
    void whenElevationFailsTheUnprivilegedViewIsShownAndSaysWhy() {
        io.iptscope.testing.Requirements.requireNetnsTools();
        MainViewModel vm = new MainViewModel(new Session(new NoSudoRunner()), new SyncTaskRunner(), q -> Optional.empty(),
                false);
        vm.detect();
        ShownReport shown = vm.reportProperty().get();
        assertNotNull(shown, vm.statusProperty().get());
        assertTrue(shown.elevationFailure().startsWith("sudo -n did not work (netns current not found"),
                shown.elevationFailure());
        io.iptscope.ui.detection.DetectionViewModel detection = new io.iptscope.ui.detection.DetectionViewModel();
        detection.show(shown);
        assertTrue(detection.deniedReadsProperty().get().contains("so this ran without privilege"));
        assertTrue(detection.binaries().get(0).base().found(), "binaries and versions are shown");
    }

    @Test
    void aRelativeBinaryDirectoryIsRefusedBeforeAnythingRuns() {
        DenyingRunner base = new DenyingRunner();
        MainViewModel vm = new MainViewModel(new Session(base), new SyncTaskRunner(), q -> Optional.empty(), true);
        vm.binarySourceProperty().set("usr/sbin");
        vm.detect();
        assertTrue(vm.errorProperty().get().contains("absolute"), vm.errorProperty().get());
        assertTrue(base.seen.isEmpty());
        assertEquals(vm.errorProperty().get(), vm.detectionFailureProperty().get(), "the tables say why, too");
        assertFalse(vm.detectingProperty().get());
    }

    @Test
    void theSampleOpensOfflineAndCanBeSavedAndReopened() throws Exception {
        MainViewModel vm = new MainViewModel(new Session(new DenyingRunner()), new SyncTaskRunner(), q -> Optional.empty(),
                false);
        vm.openSample();
        ShownReport sample = vm.reportProperty().get();
        assertEquals(ReportOrigin.SAMPLE, sample.origin());
        assertFalse(sample.live());
        java.nio.file.Path file = java.nio.file.Files.createTempFile("iptscope-report", ".json");
        try {
            vm.saveReport(file);
            vm.openReport(file);
            assertEquals(ReportOrigin.FILE, vm.reportProperty().get().origin());
            assertEquals(sample.report().verdicts(), vm.reportProperty().get().report().verdicts());
        } finally {
            java.nio.file.Files.deleteIfExists(file);
        }
    }

    @Test
    void oneTargetOfTruthAnotherChoiceMarksTheViewsStaleAndNothingActsOnTheOldOne() {
        try (TestNetns a = TestNetns.create(); TestNetns b = TestNetns.create()) {
            MainViewModel vm = new MainViewModel(new Session(new LocalRunner()), new SyncTaskRunner(), q -> Optional.empty(),
                    true);
            assertEquals("iptscope · Local · current · not detected yet", vm.windowTitleProperty().get());
            vm.select(a.target());
            ShownReport shown = vm.reportProperty().get();
            assertNotNull(shown, vm.statusProperty().get());
            assertEquals(new WindowTarget("Local", a.target(), "PATH"), shown.takenFor());
            assertFalse(vm.stale());
            assertNull(vm.bannerProperty().get());
            String title = vm.windowTitleProperty().get();
            assertTrue(title.startsWith("iptscope · Local · " + a.target().spec() + " · "), title);
            assertTrue(title.matches(".* · live, read \\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2} \\S+"),
                    "local time to the second, not a nanosecond UTC stamp: " + title);

            // New binaries do not re-detect on every keystroke: the views are marked stale until F5.
            vm.binarySourceProperty().set("/usr/sbin");
            assertTrue(vm.stale());
            assertTrue(vm.bannerProperty().get().startsWith("Stale: every tab shows Local · " + a.target().spec()
                    + " · binaries PATH, but the target is now Local · " + a.target().spec() + " · binaries /usr/sbin"),
                    vm.bannerProperty().get());
            assertTrue(vm.windowTitleProperty().get().endsWith("STALE"), vm.windowTitleProperty().get());
            int ran = vm.session().log().snapshot().size();
            assertTrue(vm.endpoint().isEmpty(), "restore, diff, watch and contexts get nothing to act on");
            assertTrue(vm.errorProperty().get().contains("the report on screen is for Local · " + a.target().spec()),
                    vm.errorProperty().get());
            assertEquals(ran, vm.session().log().snapshot().size(), "nothing ran");
            vm.detect();
            assertFalse(vm.stale());
            assertTrue(vm.endpoint().isPresent());

            // Another netns is detected at once, and the endpoint follows it.
            vm.select(b.target());
            assertEquals(new WindowTarget("Local", b.target(), "/usr/sbin"), vm.reportProperty().get().takenFor());
            assertEquals(b.target(), vm.endpoint().orElseThrow().netns());
        }
    }

    @Test
    void theSampleSaysItIsASampleAboveEveryTab() {
        MainViewModel vm = new MainViewModel(new Session(new DenyingRunner()), new SyncTaskRunner(), q -> Optional.empty(),
                false);
        vm.openSample();
        assertTrue(vm.bannerProperty().get().startsWith("The sample report is shown, not Local · current: it holds "
                + "no rules"), vm.bannerProperty().get());
        assertTrue(vm.windowTitleProperty().get().contains("showing sample report"), vm.windowTitleProperty().get());
        assertTrue(vm.endpoint().isEmpty());
    }
}
