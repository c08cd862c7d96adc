package dev.modelgate.crds;

/** Where an HFModel is in its life: the pipeline steps, then one of three outcomes. */
public enum Phase {
  Pending,
  Resolving,
  Downloading,
  Scanning,
  Available,
  Quarantined,
  Failed;

  /** True for the outcomes, false while the pipeline is still working. */
  public boolean isSettled() {
    return this == Available || this == Quarantined || this == Failed;
  }
}
