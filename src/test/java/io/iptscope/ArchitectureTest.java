package io.iptscope;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaAccess;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.util.List;

/**
 * The layering that keeps the engine usable without a display, every process in one place and the window
 * responsive. Checked on the compiled classes (ArchUnit), so an import, a fully qualified name and a
 * lambda all count.
 */
@AnalyzeClasses(packages = "io.iptscope", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    /** Lower layers never reach up; {@code iptables} (the one runner) sits between discover and detect. */
    @ArchTest
    static final ArchRule layersOnlyReachDown = layeredArchitecture().consideringOnlyDependenciesInLayers()
            .layer("exec").definedBy("io.iptscope.exec..")
            .layer("rules").definedBy("io.iptscope.rules..")
            .layer("discover").definedBy("io.iptscope.discover..")
            .optionalLayer("iptables").definedBy("io.iptscope.iptables..")
            .layer("detect").definedBy("io.iptscope.detect..")
            .layer("report").definedBy("io.iptscope.report..")
            .layer("restore").definedBy("io.iptscope.restore..")
            .layer("remote").definedBy("io.iptscope.remote..")
            .layer("ui").definedBy("io.iptscope.ui..")
            .layer("cli").definedBy("io.iptscope.cli..")
            .whereLayer("cli").mayNotBeAccessedByAnyLayer()
            .whereLayer("ui").mayOnlyBeAccessedByLayers("cli")
            .whereLayer("remote").mayOnlyBeAccessedByLayers("ui", "cli")
            .whereLayer("restore").mayOnlyBeAccessedByLayers("ui", "cli")
            .whereLayer("report").mayOnlyBeAccessedByLayers("restore", "ui", "cli")
            .whereLayer("detect").mayOnlyBeAccessedByLayers("report", "restore", "ui", "cli")
            .whereLayer("iptables").mayOnlyBeAccessedByLayers("detect", "report", "restore", "remote", "ui", "cli")
            .whereLayer("discover").mayOnlyBeAccessedByLayers("iptables", "detect", "report", "restore", "ui", "cli")
            .whereLayer("rules").mayNotAccessAnyLayer()
            .whereLayer("exec").mayNotAccessAnyLayer();

    /** Every package, the ui's feature packages included, may be understood and changed without a cycle. */
    @ArchTest
    static final ArchRule noPackageCycles = slices().matching("io.iptscope.(**)").should().beFreeOfCycles();

    @ArchTest
    static final ArchRule onlyTheUiUsesJavaFx = noClasses().that().resideOutsideOfPackage("io.iptscope.ui..")
            .should().dependOnClassesThat().resideInAPackage("javafx..");

    /** Properties and collections (javafx.base) only: no scene graph, stage, FXML or FX thread. */
    @ArchTest
    static final ArchRule viewModelsNeedNoDisplay = noClasses().that().haveSimpleNameEndingWith("ViewModel")
            .should().dependOnClassesThat().resideInAnyPackage("javafx.scene..", "javafx.stage..", "javafx.fxml..",
                    "javafx.application..");

    /**
     * View model methods run on the FX thread: they never wait (sleep, join, a future's result, a latch) and
     * never start threads or executors of their own; slow work goes to the injected task runner as a {@code Work}.
     * (ArchUnit attributes a lambda's calls to the method that declares it, so reading a file inside a task
     * cannot be told apart from reading it on the FX thread; the view model tests with a synchronous runner
     * and {@code RestoreViewTest} cover that part.)
     */
    @ArchTest
    static final ArchRule viewModelsNeverBlock = classes().that().haveSimpleNameEndingWith("ViewModel")
            .should(new NeverBlocking());

    @ArchTest
    static final ArchRule onlyExecStartsProcesses = noClasses().that().resideOutsideOfPackage("io.iptscope.exec..")
            .should().dependOnClassesThat().belongToAnyOf(ProcessBuilder.class, Process.class)
            .orShould().callMethod(Runtime.class, "exec", String[].class);

    private static final class NeverBlocking extends ArchCondition<JavaClass> {

        private static final List<String> BLOCKING_OWNERS = List.of("java.lang.Process", "java.lang.ProcessBuilder",
                "java.util.concurrent.Executors", "java.util.concurrent.ExecutorService",
                "java.util.concurrent.ScheduledExecutorService");
        private static final List<String> BLOCKING_METHODS = List.of("java.lang.Thread.sleep", "java.lang.Thread.join",
                "java.lang.Thread.start", "java.util.concurrent.Future.get", "java.util.concurrent.CompletableFuture.get",
                "java.util.concurrent.CompletableFuture.join", "java.util.concurrent.CountDownLatch.await",
                "java.util.concurrent.Semaphore.acquire", "java.lang.Object.wait");

        NeverBlocking() {
            super("never wait nor start threads of their own");
        }

        @Override
        public void check(JavaClass vm, ConditionEvents events) {
            for (JavaAccess<?> access : vm.getAccessesFromSelf()) {
                String owner = access.getTargetOwner().getName();
                if (BLOCKING_OWNERS.contains(owner) || BLOCKING_METHODS.contains(owner + "." + access.getName())) {
                    events.add(SimpleConditionEvent.violated(vm, access.getDescription()));
                }
            }
        }
    }
}
