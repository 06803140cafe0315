package io.iptscope.exec;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The ssh client options a user may add with {@code --ssh-option}: an allow-list of options that choose
 * how to reach and log in to the host. Anything that could weaken host-key checking (known-hosts files
 * and commands, StrictHostKeyChecking, CheckHostIP, UpdateHostKeys, VerifyHostKeyDNS, HostKeyAlias),
 * run a local or remote command (ProxyCommand, LocalCommand, PermitLocalCommand, RemoteCommand,
 * KnownHostsCommand), or pull in other configuration (Include, {@code -F}) is refused; such settings
 * belong in the operator's own ~/.ssh/config or the file given with {@code --ssh-config}.
 */
public final class SshOptions {

    /** Canonical spelling by lower-case name. */
    private static final Map<String, String> ALLOWED = new TreeMap<>();
    private static final Pattern VALUE = Pattern.compile("[^\\p{Cntrl}]*");

    static {
        for (String o : List.of("Port", "User", "IdentityFile", "IdentitiesOnly", "IdentityAgent", "CertificateFile",
                "ConnectTimeout", "ConnectionAttempts", "ServerAliveInterval", "ServerAliveCountMax", "TCPKeepAlive",
                "ProxyJump", "AddressFamily", "BindAddress", "BindInterface", "Compression", "Ciphers", "MACs",
                "KexAlgorithms", "PubkeyAcceptedAlgorithms", "PreferredAuthentications", "LogLevel")) {
            ALLOWED.put(o.toLowerCase(Locale.ROOT), o);
        }
    }

    private SshOptions() {
    }

    /** The allowed option names, for messages and the README. */
    public static List<String> allowed() {
        return List.copyOf(ALLOWED.values());
    }

    /**
     * Turns {@code KEY=VALUE} (or {@code KEY VALUE}) items into {@code -o KEY=VALUE} arguments.
     *
     * @throws IllegalArgumentException naming the first item that is not allowed
     */
    public static List<String> toArgv(List<String> items) {
        List<String> argv = new ArrayList<>();
        for (String item : items) {
            argv.add("-o");
            argv.add(check(item));
        }
        return argv;
    }

    /** Checks an ssh argv of {@code -o KEY=VALUE} pairs and {@code -F FILE} (the operator's config file). */
    static void checkArgv(List<String> argv) {
        for (int i = 0; i < argv.size(); i += 2) {
            String flag = argv.get(i);
            if (i + 1 >= argv.size() || !(flag.equals("-o") || flag.equals("-F"))) {
                throw new IllegalArgumentException("ssh options must be '-o KEY=VALUE' or '-F FILE' pairs, not '"
                        + flag + "'");
            }
            if (flag.equals("-o")) {
                check(argv.get(i + 1));
            } else if (argv.get(i + 1).startsWith("-")) {
                throw new IllegalArgumentException("invalid ssh config file '" + argv.get(i + 1) + "'");
            }
        }
    }

    private static String check(String item) {
        String s = item == null ? "" : item.strip();
        int cut = 0;
        while (cut < s.length() && s.charAt(cut) != '=' && !Character.isWhitespace(s.charAt(cut))) {
            cut++;
        }
        String key = s.substring(0, cut);
        String value = cut < s.length() ? s.substring(cut + 1).strip() : "";
        String canonical = ALLOWED.get(key.toLowerCase(Locale.ROOT));
        if (canonical == null) {
            throw new IllegalArgumentException("--ssh-option '" + key + "' is not allowed: only options that choose "
                    + "how to reach and log in may be given (" + String.join(", ", allowed()) + "); host-key "
                    + "checking, known-hosts files and local or remote commands stay as iptscope and your ssh config "
                    + "set them. Put other settings in ~/.ssh/config or a file for --ssh-config.");
        }
        if (value.isEmpty() || !VALUE.matcher(value).matches()) {
            throw new IllegalArgumentException("--ssh-option " + canonical + " needs a value on one line (KEY=VALUE)");
        }
        return canonical + "=" + value;
    }
}
