package io.iptscope.ui.common;

import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * What an empty table or list filled by a background read says, kept by its view model (no scene types): not read
 * yet, being read, the read failed, or read and truly empty. An unknown or a failure never reads as "empty", nor as
 * JavaFX's "No content in table"; {@link PlaceholderLabel} shows it.
 */
public final class Placeholder {

    /** Which of the four a placeholder says; the view styles a failure apart. */
    public enum State {
        NOT_READ,
        READING,
        FAILED,
        EMPTY
    }

    private final String notRead;
    private final String reading;
    private final String empty;
    private final ReadOnlyObjectWrapper<State> state = new ReadOnlyObjectWrapper<>(State.NOT_READ);
    private final ReadOnlyStringWrapper text;

    /**
     * @param notRead what it says before the first read ("No detection yet")
     * @param reading what it says while a read runs ("Detecting…")
     * @param empty   what it says when the read found nothing ("No nftables tables")
     */
    public Placeholder(String notRead, String reading, String empty) {
        this.notRead = notRead;
        this.reading = reading;
        this.empty = empty;
        this.text = new ReadOnlyStringWrapper(notRead);
    }

    public ReadOnlyStringProperty textProperty() {
        return text.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<State> stateProperty() {
        return state.getReadOnlyProperty();
    }

    public void notRead() {
        set(State.NOT_READ, notRead);
    }

    /** @param why why it was not read, when the read was skipped or could not be done ("nft is not installed") */
    public void notRead(String why) {
        set(State.NOT_READ, why);
    }

    public void reading() {
        set(State.READING, reading);
    }

    /** @param why the failure in words, reason included ("The detection failed: timeout after 30 s") */
    public void failed(String why) {
        set(State.FAILED, why);
    }

    /**
     * What a table or list says when the read that fills it failed and the reason is shown once above it, so
     * that it is not repeated in every table ("Not read: the detection failed (its reason is above)").
     *
     * @param what what failed ("the detection")
     */
    public static String failedAbove(String what) {
        return "Not read: " + what + " failed (its reason is above)";
    }

    public void empty() {
        set(State.EMPTY, empty);
    }

    /** @param why why this read is empty, when it is more than the usual text ("No rule of nat › X matches ‘y’") */
    public void empty(String why) {
        set(State.EMPTY, why);
    }

    private void set(State s, String t) {
        state.set(s);
        text.set(t);
    }
}
