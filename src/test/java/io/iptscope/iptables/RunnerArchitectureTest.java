package io.iptscope.iptables;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaAccess;
import com.tngtech.archunit.core.domain.JavaCall;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.EvaluationResult;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import io.iptscope.archfixture.BuildsIptablesArgv;
import io.iptscope.discover.BinaryInfo;
import io.iptscope.exec.Command;
import io.iptscope.exec.CommandRunner;
import io.iptscope.exec.Nsenter;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Only the runner ({@code io.iptscope.iptables}) builds an iptables or nft argv. A binary's path reaches
 * an argv only where a class both reads {@link BinaryInfo#path()} and builds or runs a
 * {@link Command}; outside the runner that is refused, and so is entering namespaces and streaming a
 * command. Discovery, which runs each binary's {@code --version}, is part of the runner.
 */
class RunnerArchitectureTest {

    private static final String RUNNER = "io.iptscope.iptables..";
    private static final String[] EXEMPT = {RUNNER, "io.iptscope.exec.."};
    private static final Set<String> COMMAND_BUILDERS = Set.of("of", "prefixed", "<init>");
    private static final Set<String> RUNS = Set.of("run", "runAll", "start");

    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("io.iptscope");

    /**
     * A class that reads a binary's path and builds or runs a command. Per class, not per method, so that
     * a path read in a method and used in its lambda (a separate synthetic method) is caught too.
     */
    private static final ArchCondition<JavaClass> NOT_BUILD_ARGV_FROM_A_BINARY_PATH =
            new ArchCondition<>("not build or run a command from a binary's path") {
                @Override
                public void check(JavaClass cls, ConditionEvents events) {
                    boolean readsPath = cls.getMethodCallsFromSelf().stream().anyMatch(c ->
                            c.getTargetOwner().isEquivalentTo(BinaryInfo.class) && c.getName().equals("path"));
                    boolean buildsCommand = cls.getAccessesFromSelf().stream().anyMatch(RunnerArchitectureTest::buildsOrRuns);
                    if (readsPath && buildsCommand) {
                        events.add(SimpleConditionEvent.violated(cls, cls.getName()
                                + " reads a binary's path and builds or runs a command: ask io.iptscope.iptables.Endpoint"));
                    }
                }
            };

    private static boolean buildsOrRuns(JavaAccess<?> access) {
        String name = access.getName();
        return access.getTargetOwner().isEquivalentTo(Command.class) && COMMAND_BUILDERS.contains(name)
                || access.getTargetOwner().isAssignableTo(CommandRunner.class) && RUNS.contains(name);
    }

    private static final ArchRule ONLY_THE_RUNNER_BUILDS_IPTABLES_ARGV = classes().that()
            .resideOutsideOfPackages(EXEMPT).should(NOT_BUILD_ARGV_FROM_A_BINARY_PATH);

    private static final ArchRule ONLY_THE_RUNNER_ENTERS_AND_STREAMS = noClasses().that()
            .resideOutsideOfPackages(EXEMPT)
            .should().callMethod(Nsenter.class, "wrap", String.class, String.class, Command.class)
            .orShould().callMethodWhere(JavaCall.Predicates.target(
                    DescribedPredicate.describe("CommandRunner.start", t ->
                            t.getOwner().isAssignableTo(CommandRunner.class) && t.getName().equals("start"))))
            .because("the runner enters the binary source's mount namespace with the netns, and owns nft monitor");

    @Test
    void nothingOutsideTheRunnerBuildsAnIptablesArgv() {
        ONLY_THE_RUNNER_BUILDS_IPTABLES_ARGV.check(MAIN);
        ONLY_THE_RUNNER_ENTERS_AND_STREAMS.check(MAIN);
    }

    @Test
    void theRuleCatchesAnArgvBuiltByHand() {
        JavaClasses fixture = new ClassFileImporter().importClasses(BuildsIptablesArgv.class);
        EvaluationResult result = ONLY_THE_RUNNER_BUILDS_IPTABLES_ARGV.evaluate(fixture);
        assertTrue(result.hasViolation(), "a hand-built save argv went unnoticed");
        assertTrue(result.getFailureReport().toString().contains("BuildsIptablesArgv reads a binary's path"),
                result.getFailureReport().toString());
    }
}
