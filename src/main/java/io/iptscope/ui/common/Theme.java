package io.iptscope.ui.common;

/** The two colour themes; both share base.css and only redefine its looked-up colours. */
public enum Theme {
    LIGHT("light.css"),
    DARK("dark.css");

    private final String sheet;

    Theme(String sheet) {
        this.sheet = sheet;
    }

    public Theme other() {
        return this == LIGHT ? DARK : LIGHT;
    }

    /** The stylesheets for a scene, base first. */
    public java.util.List<String> stylesheets() {
        return java.util.List.of(url("base.css"), url(sheet));
    }

    private static String url(String name) {
        java.net.URL u = Theme.class.getResource("/io/iptscope/ui/theme/" + name);
        if (u == null) {
            throw new IllegalStateException("stylesheet missing from the build: " + name);
        }
        return u.toExternalForm();
    }
}
