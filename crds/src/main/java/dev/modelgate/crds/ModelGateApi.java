package dev.modelgate.crds;

/** API group and version shared by every ModelGate resource. */
public final class ModelGateApi {
  public static final String GROUP = "modelgate.dev";
  public static final String VERSION = "v1alpha1";

  private ModelGateApi() {}
}
