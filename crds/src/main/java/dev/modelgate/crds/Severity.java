package dev.modelgate.crds;

/** Finding severities as the API shows them, ordered from harmless to worst. */
public enum Severity {
  NONE,
  INFO,
  LOW,
  MEDIUM,
  HIGH,
  CRITICAL;

  /** True for HIGH and CRITICAL: the severities that quarantine a model before policies run. */
  public boolean blocksByDefault() {
    return compareTo(HIGH) >= 0;
  }
}
