package io.iptscope.detect;

/** The target could not be inspected at all (netns missing, not enterable): CLI exit code 3. */
public final class InspectionException extends Exception {

    private static final long serialVersionUID = 1L;

    public InspectionException(String message) {
        super(message);
    }
}
