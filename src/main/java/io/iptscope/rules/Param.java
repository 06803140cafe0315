package io.iptscope.rules;

/** A basic match value such as {@code -s 10.0.0.0/8}, with its {@code !}. Fragment matches have an empty value. */
public record Param(String value, boolean negated) {
}
