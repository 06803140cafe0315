package io.iptscope.detect;

import io.iptscope.rules.Family;

/**
 * Something the operator should know, in plain words.
 *
 * @param id      stable identifier, e.g. {@code both-backends-hold-rules}
 * @param family  the family it concerns, or null for the whole target
 * @param message what was found
 * @param impact  what breaks because of it
 * @param action  what to do
 */
public record Finding(String id, Severity severity, Family family, String message, String impact, String action) {
}
