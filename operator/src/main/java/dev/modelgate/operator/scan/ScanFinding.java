package dev.modelgate.operator.scan;

import dev.modelgate.crds.Severity;

/**
 * One scanner finding.
 *
 * @param severity how bad it is
 * @param rule a stable rule id, e.g. {@code pickle.global.os_system}
 * @param message what was found, for people
 * @param location where in the file (an offset, a member name), or null
 */
public record ScanFinding(Severity severity, String rule, String message, String location) {}
