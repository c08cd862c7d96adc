package dev.modelgate.crds;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import java.util.Objects;

/** A key in a Secret of the HFModel's own namespace. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class SecretKeyRef {
  /** The key used when the reference names none. */
  public static final String DEFAULT_KEY = "token";

  @Required
  @Pattern(SpecPatterns.DNS_SUBDOMAIN)
  private String name;

  @Default(DEFAULT_KEY)
  @Pattern(SpecPatterns.SECRET_KEY)
  private String key;

  public SecretKeyRef() {}

  public SecretKeyRef(String name, String key) {
    this.name = name;
    this.key = key;
  }

  /** The key to read: the reference's, or {@value #DEFAULT_KEY} when unset. */
  @JsonIgnore
  public String effectiveKey() {
    return key == null || key.isBlank() ? DEFAULT_KEY : key;
  }

  public String getName() {
    return name;
  }

  public void setName(String name) {
    this.name = name;
  }

  public String getKey() {
    return key;
  }

  public void setKey(String key) {
    this.key = key;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SecretKeyRef r
        && Objects.equals(name, r.name)
        && Objects.equals(key, r.key);
  }

  @Override
  public int hashCode() {
    return Objects.hash(name, key);
  }
}
