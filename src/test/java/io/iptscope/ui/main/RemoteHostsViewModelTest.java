package io.iptscope.ui.main;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.iptscope.exec.HostKeyPrompt;
import io.iptscope.exec.LocalRunner;
import io.iptscope.remote.HostStore;
import io.iptscope.remote.Hosts;
import io.iptscope.testing.TestNetns;
import io.iptscope.testing.TestSshd;
import io.iptscope.ui.MismatchScenario;
import io.iptscope.ui.common.ShownReport;
import io.iptscope.ui.task.SyncTaskRunner;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The host list of the window: Local and saved SSH hosts, inspected with the same views. */
class RemoteHostsViewModelTest {

    @Test
    void anAddedSshHostIsInspectedLikeThisMachineAndLocalComesBack(@TempDir Path config) throws Exception {
        try (TestSshd sshd = TestSshd.start();
             TestNetns ns = MismatchScenario.create(50);
             Hosts hosts = new Hosts(new HostStore(config.resolve("hosts.json")), sshd.clientOptions(),
                     HostKeyPrompt.REFUSE, q -> Optional.empty())) {
            MainViewModel vm = new MainViewModel(new Session(new LocalRunner()), new SyncTaskRunner(), q -> Optional.empty(),
                    true);
            vm.useHosts(hosts);
            assertEquals(List.of(MainViewModel.LOCAL_HOST), vm.hosts());

            vm.addHost(TestSshd.DESTINATION);
            assertEquals(2, vm.hosts().size(), "the host is saved and listed beside Local");
            assertEquals(vm.hosts().get(1), vm.hostProperty().get());
            assertTrue(vm.connectionProperty().get().startsWith(TestSshd.DESTINATION + ": connected"),
                    vm.connectionProperty().get());
            assertTrue(vm.targets().stream().anyMatch(t -> t.target().equals(ns.target())),
                    "the host's namespaces are listed: " + vm.targets());

            vm.select(ns.target());
            vm.detect();
            assertNull(vm.errorProperty().get(), vm.statusProperty().get());
            ShownReport shown = vm.reportProperty().get();
            assertEquals(TestSshd.DESTINATION, shown.report().host());
            assertTrue(shown.report().findings().stream().anyMatch(f -> f.id().equals("both-backends-hold-rules")));
            assertTrue(vm.session().log().snapshot().stream().anyMatch(c -> TestSshd.DESTINATION.equals(c.host())));

            vm.hostProperty().set(MainViewModel.LOCAL_HOST);
            assertEquals("this machine", vm.connectionProperty().get());
            assertEquals("local", vm.reportProperty().get().report().host());
        }
    }
}
