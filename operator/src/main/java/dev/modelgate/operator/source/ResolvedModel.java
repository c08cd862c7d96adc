package dev.modelgate.operator.source;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * A revision pinned to a commit, with everything the Hub says about it.
 *
 * @param commit the 40-hex commit the revision resolved to
 * @param files every file at that commit (before the spec's globs are applied)
 * @param facts model metadata for policies
 * @param repoSecurity the Hub's repo-level security status as received, or null
 */
public record ResolvedModel(
    String commit, List<SourceFile> files, ModelFacts facts, JsonNode repoSecurity) {}
