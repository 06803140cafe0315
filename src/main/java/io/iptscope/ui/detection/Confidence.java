package io.iptscope.ui.detection;

/** How far a verdict card can be trusted; the card's colour and its first line say which. */
public enum Confidence {
    /** Both backends of the family were read and no error finding concerns it. */
    CONFIRMED("✓ confirmed: both backends were read", "ipts-confidence-confirmed"),
    /** A backend could not be read (timeout, denied...): the verdict may be wrong. */
    UNCONFIRMED("? UNCONFIRMED", "ipts-confidence-unconfirmed"),
    /** Everything was read, and an error finding says something is broken. */
    ERROR("✗ read fully, with an ERROR finding", "ipts-confidence-error");

    private final String badge;
    private final String styleClass;

    Confidence(String badge, String styleClass) {
        this.badge = badge;
        this.styleClass = styleClass;
    }

    public String badge() {
        return badge;
    }

    public String styleClass() {
        return styleClass;
    }
}
