package dev.modelgate.operator.decision;

/**
 * The HFModel a decision is about.
 *
 * @param namespace its namespace
 * @param name its name
 * @param repo the Hub repo id
 * @param revision the revision the spec asked for (branch, tag, sha)
 * @param commit the commit it resolved to
 */
public record ModelRef(
    String namespace, String name, String repo, String revision, String commit) {}
