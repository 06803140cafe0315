package io.iptscope.detect;

import com.fasterxml.jackson.annotation.JsonIgnore;

/** A binary a verdict would run: its name and where the binary source has it (null when missing). */
public record BinaryRef(String name, String path) {

    @JsonIgnore
    public boolean present() {
        return path != null;
    }
}
