package dev.modelgate.crds;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.kubernetes.api.model.Quantity;
import java.util.List;
import java.util.Objects;

/** What the user asks for: one Hub repo at one revision, optionally a subset of its files. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class HFModelSpec {
  /** The revision used when the spec names none. */
  public static final String DEFAULT_REVISION = "main";

  @Required
  @Pattern(SpecPatterns.REPO_ID)
  @JsonPropertyDescription("Hub repo id, e.g. HuggingFaceTB/SmolLM-135M.")
  private String repo;

  @Default(DEFAULT_REVISION)
  @Pattern(SpecPatterns.REVISION)
  @JsonPropertyDescription("Branch, tag, refs/pr/N or 40-hex commit sha. Default main.")
  private String revision;

  @Size(max = SpecPatterns.MAX_FILE_GLOBS)
  @JsonPropertyDescription(
      "Include globs over repo paths (e.g. *.safetensors); default every file.")
  private List<String> files;

  @Pattern(SpecPatterns.ENDPOINT)
  @JsonPropertyDescription("Hub endpoint (mirror); default from the operator configuration.")
  private String endpoint;

  @JsonPropertyDescription("Secret holding a Hub token, for gated or private repos.")
  private SecretKeyRef tokenSecretRef;

  @JsonPropertyDescription(
      "Refuse repos whose selected files add up to more than this, e.g. 200Gi.")
  private Quantity maxTotalSize;

  @Pattern(SpecPatterns.DURATION)
  @JsonPropertyDescription("How often to re-resolve the revision and refresh Hub data, e.g. 24h.")
  private String refreshInterval;

  public HFModelSpec() {}

  public HFModelSpec(String repo, String revision) {
    this.repo = repo;
    this.revision = revision;
  }

  /** The revision to resolve: the spec's, or {@value #DEFAULT_REVISION} when unset or blank. */
  @JsonIgnore
  public String effectiveRevision() {
    return revision == null || revision.isBlank() ? DEFAULT_REVISION : revision;
  }

  public String getRepo() {
    return repo;
  }

  public void setRepo(String repo) {
    this.repo = repo;
  }

  public String getRevision() {
    return revision;
  }

  public void setRevision(String revision) {
    this.revision = revision;
  }

  public List<String> getFiles() {
    return files;
  }

  public void setFiles(List<String> files) {
    this.files = files;
  }

  public String getEndpoint() {
    return endpoint;
  }

  public void setEndpoint(String endpoint) {
    this.endpoint = endpoint;
  }

  public SecretKeyRef getTokenSecretRef() {
    return tokenSecretRef;
  }

  public void setTokenSecretRef(SecretKeyRef tokenSecretRef) {
    this.tokenSecretRef = tokenSecretRef;
  }

  public Quantity getMaxTotalSize() {
    return maxTotalSize;
  }

  public void setMaxTotalSize(Quantity maxTotalSize) {
    this.maxTotalSize = maxTotalSize;
  }

  public String getRefreshInterval() {
    return refreshInterval;
  }

  public void setRefreshInterval(String refreshInterval) {
    this.refreshInterval = refreshInterval;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof HFModelSpec s
        && Objects.equals(repo, s.repo)
        && Objects.equals(revision, s.revision)
        && Objects.equals(files, s.files)
        && Objects.equals(endpoint, s.endpoint)
        && Objects.equals(tokenSecretRef, s.tokenSecretRef)
        && Objects.equals(maxTotalSize, s.maxTotalSize)
        && Objects.equals(refreshInterval, s.refreshInterval);
  }

  @Override
  public int hashCode() {
    return Objects.hash(repo, revision, files, endpoint, tokenSecretRef, maxTotalSize);
  }
}
