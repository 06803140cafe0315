package io.iptscope.exec;

/** A JVM that starts a long command through {@link LocalRunner#start}, prints its PID and waits to be killed. */
public final class StartAndWait {

    private StartAndWait() {
    }

    public static void main(String[] args) throws Exception {
        new LocalRunner().start(Command.of("sh", "-c", "echo $$; exec sleep 300"), line -> {
            System.out.println(line);
            System.out.flush();
        });
        Thread.sleep(120_000);
    }
}
