package io.iptscope.report;

/** iptscope's own version, from the jar manifest (written from the pom). */
public final class ToolVersion {

    private ToolVersion() {
    }

    public static String get() {
        String v = ToolVersion.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }
}
